/**
 * npm run bench:intake — `received` events per second through the real v1 path at 32
 * connections, on the server as `npm start` runs it (the demo database with its history, the job
 * timer on, logging as shipped) with the city's intake (scripts/bench/city-workload.ts: mostly new
 * applicants, every window, staff, item and org). Baselines in the same run: an empty route of a
 * separate minimal Next app that parses the same body (the framework floor, before and after;
 * scripts/bench/floor.ts) and a bare node:http + libSQL durable insert. BENCH_PROFILE=1 also takes
 * a CPU profile of the server and prints where the measured run's time went.
 */
import { randomBytes } from "node:crypto";

import { DEMO_KEYS } from "@/tests/constants";

import { cityEvent, WORKLOAD } from "./bench/city-workload";
import { startFloor } from "./bench/floor";
import {
  bareBaseline,
  load,
  shippedDatabase,
  startApp,
  verdict,
  writerCounters,
} from "./bench/harness";
import { summariseProfile } from "./bench/profile";

const DIR = ".tmp/bench-intake";

async function main(): Promise<void> {
  const key = randomBytes(32).toString("base64");
  const file = shippedDatabase(DIR, key);
  const floorApp = await startFloor();
  const app = await startApp(file, { HCP_DATA_KEY: key });
  const auth = { authorization: `Bearer ${DEMO_KEYS.intake}`, "content-type": "application/json" };
  console.log(`workload: ${WORKLOAD}`);

  const floor = () =>
    load("floor: minimal Next app, empty route (parse JSON)", floorApp.url, cityEvent, auth, {
      connections: 32,
      seconds: 10,
      app: floorApp,
    });
  const floorBefore = await floor();
  const before = await writerCounters(app.base);
  const intake = await load(
    "POST /api/v1/case-events (received)",
    `${app.base}/api/v1/case-events`,
    cityEvent,
    auth,
    { connections: 32, seconds: 10, app },
  );
  const after = await writerCounters(app.base);
  await app.stop();
  const floorAfter = await floor();
  await floorApp.stop();
  if (app.profileDir && intake.window)
    summariseProfile(app.profileDir, intake.window, intake.total ?? 0, "intake");
  console.log(`\nworkload: ${WORKLOAD}`);
  verdict(intake, [floorBefore, floorAfter], await bareBaseline(DIR, cityEvent), before, after, {
    ratio: 0.7,
    p99Ratio: 1.5,
    perFsync: 5,
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
