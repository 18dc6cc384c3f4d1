/**
 * npm run bench:submit — rating submissions per second through the real HTTP path: real-name
 * session cookie, token check, article-11 validation, the hash chain, and a work order for every
 * tenth (bad) rating; 32 connections. Baselines in the same run: the empty route of a separate
 * minimal Next app (before and after; scripts/bench/floor.ts) and a bare durable insert of the
 * same bodies. Afterwards the chain is verified.
 */
import { randomBytes } from "node:crypto";

import { workOrders } from "@/db/schema";
import { systemClock } from "@/server/clock";
import type { Deps } from "@/server/deps";
import { verifyChain } from "@/server/ratings/chain";
import { depsOf } from "@/tests/db";
import { signedInRater } from "@/tests/rating-fixtures";

import { startFloor } from "./bench/floor";
import {
  bareBaseline,
  freshDatabase,
  load,
  type Req,
  startApp,
  verdict,
  writerCounters,
} from "./bench/harness";

const DIR = ".tmp/bench-submit";
const CASES = Number(process.env.BENCH_CASES ?? 9000);

async function prepare(deps: Deps): Promise<{ token: string; cookie: string }[]> {
  const out: { token: string; cookie: string }[] = [];
  for (let start = 0; start < CASES; start += 250) {
    const batch = Array.from({ length: Math.min(250, CASES - start) }, (_, i) => start + i);
    out.push(...(await Promise.all(batch.map((i) => signedInRater(deps, i)))));
  }
  return out;
}

async function main(): Promise<void> {
  const dataKey = randomBytes(32).toString("base64");
  const { database, file } = await freshDatabase(DIR);
  const deps = depsOf(database, dataKey, systemClock, { publicUrl: "http://127.0.0.1" });
  const t0 = Date.now();
  const raters = await prepare(deps);
  console.log(
    `prepared ${raters.length} completed cases with codes and sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  let n = 0;
  const submit = (): Req => {
    const r = raters[n % raters.length]!;
    n += 1;
    const bad = n % 10 === 0;
    const scores = [
      {
        indicatorCode: "overall",
        level: bad ? "unsatisfied" : "very_satisfied",
        tagCodes: bad ? ["overall.unsatisfied.1"] : [],
        ...(bad ? { text: "等候时间太长" } : {}),
      },
    ];
    return {
      body: JSON.stringify({
        token: r.token,
        submissionId: `bench-${n}-${randomBytes(3).toString("hex")}`,
        stage: "completion",
        scores,
      }),
      headers: { cookie: r.cookie },
    };
  };

  const floorApp = await startFloor();
  const app = await startApp(file, { HCP_DATA_KEY: dataKey });
  const floor = () =>
    load("floor: minimal Next app, empty route (parse JSON)", floorApp.url, submit, {});
  const floorBefore = await floor();
  n = 0;
  const before = await writerCounters(app.base);
  const result = await load(
    "POST ratings.submit",
    `${app.base}/api/trpc/ratings.submit`,
    submit,
    {},
  );
  const after = await writerCounters(app.base);
  const measured = n;
  const floorAfter = await floor();
  await app.stop();
  await floorApp.stop();
  if (n > raters.length)
    console.log(`note: ${n - raters.length} requests reused a rated case (answered as replays)`);
  const chain = await verifyChain(database.db);
  console.log(
    `hash chain: ${chain.count} ratings, ${chain.brokenAt === null ? "intact" : `BROKEN at #${chain.brokenAt}`}; work orders: ${await database.db.$count(workOrders)}`,
  );
  database.close();
  console.log(`${measured} submissions sent in the measured run and its warm-up`);
  verdict(result, [floorBefore, floorAfter], await bareBaseline(DIR, submit), before, after, {
    ratio: 0.6,
    p99Ratio: 1.5,
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
