/**
 * npm run bench:intake — `received` events per second through the real v1 path at 32
 * connections, against two baselines measured in the same run: an empty route of a separate
 * minimal Next app that parses the same body (the framework floor, before and after;
 * scripts/bench/floor.ts) and a bare node:http + libSQL durable insert.
 */
import { randomBytes } from "node:crypto";

import { DEMO_KEYS } from "@/tests/constants";
import { caseEvent } from "@/tests/factories";

import { startFloor } from "./bench/floor";
import {
  bareBaseline,
  freshDatabase,
  load,
  startApp,
  verdict,
  writerCounters,
} from "./bench/harness";

const DIR = ".tmp/bench-intake";
let n = 0;
const body = () => {
  n += 1;
  return JSON.stringify(
    caseEvent({
      eventId: `bench-${n}-${randomBytes(4).toString("hex")}`,
      case: { serialNo: `B${n}-${randomBytes(4).toString("hex")}` },
    }),
  );
};

async function main(): Promise<void> {
  const { database, file } = await freshDatabase(DIR);
  database.close();
  const floorApp = await startFloor();
  const app = await startApp(file, { HCP_DATA_KEY: randomBytes(32).toString("base64") });
  const auth = { authorization: `Bearer ${DEMO_KEYS.intake}`, "content-type": "application/json" };

  const floor = () =>
    load("floor: minimal Next app, empty route (parse JSON)", floorApp.url, body, auth);
  const floorBefore = await floor();
  const before = await writerCounters(app.base);
  const intake = await load(
    "POST /api/v1/case-events (received)",
    `${app.base}/api/v1/case-events`,
    body,
    auth,
  );
  const after = await writerCounters(app.base);
  const floorAfter = await floor();
  await app.stop();
  await floorApp.stop();
  verdict(intake, [floorBefore, floorAfter], await bareBaseline(DIR, body), before, after, {
    ratio: 0.7,
    p99Ratio: 1.5,
    perFsync: 5,
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
