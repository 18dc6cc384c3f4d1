/**
 * npm run bench:submit — rating submissions per second through the real HTTP path (real-name
 * session cookie, token check, article-11 validation, the hash chain, a work order for each 差评),
 * 32 connections, on the server as `npm start` runs it (the demo database with its history, the
 * job timer on, logging as shipped). The raters are the city's (scripts/bench/city-workload.ts):
 * each of their own case, at every window, mostly new applicants, with the city's mix of levels.
 * Baselines in the same run: the empty route of a separate minimal Next app (before and after;
 * scripts/bench/floor.ts) and a bare durable insert of the same bodies. Afterwards the chain is
 * verified. BENCH_PROFILE=1 also profiles the server (scripts/bench/profile.ts).
 */
import { randomBytes } from "node:crypto";

import { openDatabase } from "@/db/client";
import { workOrders } from "@/db/schema";
import { systemClock } from "@/server/clock";
import { verifyChain } from "@/server/ratings/chain";
import { depsOf } from "@/tests/db";

import { cityRaters, cityRating, RATING_WORKLOAD } from "./bench/city-workload";
import { startFloor } from "./bench/floor";
import {
  bareBaseline,
  load,
  type Req,
  shippedDatabase,
  startApp,
  verdict,
  writerCounters,
} from "./bench/harness";
import { summariseProfile } from "./bench/profile";

const DIR = ".tmp/bench-submit";
// more than one measured run sends (~1 000/s for 10 s and its warm-up): each rating a new one
const RATERS = Number(process.env.BENCH_RATERS ?? 20000);

async function main(): Promise<void> {
  const key = randomBytes(32).toString("base64");
  const file = shippedDatabase(DIR, key);
  const database = await openDatabase(`file:${file}`);
  const deps = depsOf(database, key, systemClock, { publicUrl: "http://127.0.0.1" });
  const t0 = Date.now();
  const raters = await cityRaters(deps, RATERS);
  const took = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`prepared ${raters.length} raters, each of a completed case, in ${took} s`);

  let n = 0;
  const submit = (): Req => {
    const r = raters[n % raters.length]!;
    n += 1;
    return cityRating(r, `bench-${n}-${randomBytes(3).toString("hex")}`);
  };

  const floorApp = await startFloor();
  const app = await startApp(file, { HCP_DATA_KEY: key });
  console.log(`workload: ${RATING_WORKLOAD}`);
  const floor = () =>
    load(
      "floor: minimal Next app, empty route (parse JSON)",
      floorApp.url,
      submit,
      {},
      {
        connections: 32,
        seconds: 10,
        app: floorApp,
      },
    );
  const floorBefore = await floor();
  n = 0;
  const before = await writerCounters(app.base);
  const result = await load(
    "POST ratings.submit",
    `${app.base}/api/trpc/ratings.submit`,
    submit,
    {},
    {
      connections: 32,
      seconds: 10,
      app,
    },
  );
  const after = await writerCounters(app.base);
  const measured = n;
  await app.stop();
  const floorAfter = await floor();
  await floorApp.stop();
  if (app.profileDir && result.window)
    summariseProfile(app.profileDir, result.window, result.total ?? 0, "submission");
  // a rated case answers as a replay, far cheaper than a rating: such a run is not the figure
  const reused = measured - raters.length;
  const chain = await verifyChain(database.db);
  const broken = chain.brokenAt === null ? "intact" : `BROKEN at #${chain.brokenAt}`;
  console.log(
    `hash chain: ${chain.count} ratings, ${broken}; work orders: ${await database.db.$count(workOrders)}`,
  );
  database.close();
  console.log(`${measured} submissions sent in the measured run and its warm-up`);
  console.log(`\nworkload: ${RATING_WORKLOAD}`);
  if (reused > 0) {
    console.log(`NOT THE FIGURE: ${reused} requests reused a rated case; raise BENCH_RATERS`);
    process.exit(1);
  }
  verdict(result, [floorBefore, floorAfter], await bareBaseline(DIR, submit), before, after, {
    ratio: 0.6,
    p99Ratio: 1.5,
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
