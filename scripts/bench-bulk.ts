/**
 * npm run bench:bulk — bulk intake (SPEC §6 `POST /api/v1/case-events/batch`): batches of 500
 * `received` events of the city's intake (scripts/bench/city-workload.ts) at 4 connections through
 * the server as `npm start` runs it (the demo database with its history, the job timer on), against the bench:intake baseline measured in the same run, before and after: bare node:http + one
 * durable libSQL insert per request (32 connections). Target: ≥ 3× the baseline's events per second, and
 * every event of every batch answered 200.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";

import { FRESH_PER_WRITE } from "@/server/cases/cases.batch";
import { DEMO_KEYS } from "@/tests/constants";

import { cityCaseEvent, cityEvent, WORKLOAD } from "./bench/city-workload";
import {
  bareBaseline,
  checkpointerLine,
  load,
  printTable,
  shippedDatabase,
  startApp,
  writerCounters,
} from "./bench/harness";
import { summariseProfile } from "./bench/profile";

const DIR = ".tmp/bench-bulk";
const BATCH = 500;
const freshBatch = () => JSON.stringify({ events: Array.from({ length: BATCH }, cityCaseEvent) });
/**
 * Batches made before the run: drawing 500 city events costs the load generator ~12 µs an event,
 * and on 2 cores that CPU was taken from the server under test. Each batch is sent once; should
 * the run outlast them, the rest are drawn as they go.
 */
const PREPARED = 480;
const ready: string[] = [];
let drawnLive = 0;
const batch = () => ready.pop() ?? (drawnLive++, freshBatch());

async function main(): Promise<void> {
  const key = randomBytes(32).toString("base64");
  const file = shippedDatabase(DIR, key);
  // the bare server's fsyncs are most of its time, and this machine's fsync varies from minute to
  // minute: measured before and after the app, and the mean taken, as the floor is in bench:intake
  const bareBefore = await bareBaseline(DIR, cityEvent);
  bareBefore.name += ", before";
  for (let i = 0; i < PREPARED; i++) ready.push(freshBatch());
  const app = await startApp(file, { HCP_DATA_KEY: key });
  console.log(`workload: batches of ${BATCH} ${WORKLOAD}`);
  const auth = { authorization: `Bearer ${DEMO_KEYS.intake}` };

  const events = { ok: 0, failed: 0, statuses: new Map<number, number>() };
  const count = (status: number, body: string) => {
    if (status !== 200) return;
    for (const r of (JSON.parse(body) as { results: { status: number }[] }).results) {
      events.statuses.set(r.status, (events.statuses.get(r.status) ?? 0) + 1);
      if (r.status === 200) events.ok += 1;
      else events.failed += 1;
    }
  };
  // the first batch compiles the route and fills the caches: not part of any run
  const first = await fetch(`${app.base}/api/v1/case-events/batch`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: batch(),
  });
  if (first.status !== 200)
    throw new Error(`the first batch answered ${first.status}: ${await first.text()}`);
  const before = await writerCounters(app.base);
  const bulk = await load(
    `POST /api/v1/case-events/batch (${BATCH} events)`,
    `${app.base}/api/v1/case-events/batch`,
    batch,
    auth,
    {
      connections: 4,
      seconds: 10,
      warmup: 4,
      timeout: 60,
      onResponse: count,
      app,
    },
  );
  const after = await writerCounters(app.base);
  await app.stop();
  if (app.profileDir && bulk.window)
    summariseProfile(
      app.profileDir,
      bulk.window,
      (bulk.total ?? 0) * BATCH,
      "bulk intake, per event",
    );
  const bareAfter = await bareBaseline(DIR, cityEvent);
  bareAfter.name += ", after";
  const bare = { rps: (bareBefore.rps + bareAfter.rps) / 2 };

  printTable([bareBefore, bulk, bareAfter]);
  const bulkEvents = bulk.rps * BATCH;
  const ratio = bulkEvents / bare.rps;
  const syncs = (after.offThread?.syncs ?? 0) - (before.offThread?.syncs ?? 0);
  console.log(
    `\nbulk intake: ${bulkEvents.toFixed(0)} events/s (${bulk.rps.toFixed(1)} batches/s, p99 ${bulk.p99} ms a batch); ${events.ok} events answered 200, ${events.failed} not (${JSON.stringify([...events.statuses])})`,
  );
  console.log(
    `bare node:http + durable single-row insert, mean of before and after: ${bare.rps.toFixed(0)} events/s`,
  );
  console.log(
    `bulk / bare = ${ratio.toFixed(2)}× (target ≥ 3×); ${syncs} transactions on the insert worker (warm-up included), each fsynced, up to ${FRESH_PER_WRITE} events each`,
  );
  console.log(checkpointerLine(after));
  console.log(`batches made before the run: ${PREPARED}; made during it: ${drawnLive}`);
  const us = (v: number | undefined) => `${((v ?? NaN) / BATCH).toFixed(0)} µs`;
  console.log(
    `CPU per event (user + system, /proc): ${us(bulk.cpuUs)}: main thread ${us(bulk.cpuMainUs)}, the app's other threads ${us((bulk.cpuUs ?? NaN) - (bulk.cpuMainUs ?? NaN))} (insert worker, checkpointer, V8's GC helpers, fsyncs); the load generator ${us(bulk.loaderUs)}`,
  );
  const cores = (((bulk.cpuUs ?? NaN) + (bulk.loaderUs ?? NaN)) * bulk.rps) / 1e6;
  console.log(
    `the app and the load generator kept ${cores.toFixed(2)} of this machine's ${availableParallelism()} cores busy`,
  );
  console.log(`workload: batches of ${BATCH} ${WORKLOAD}`);
  const ok =
    ratio >= 3 &&
    events.failed === 0 &&
    events.ok > 0 &&
    bulk.non2xx === 0 &&
    bulk.errors === 0 &&
    bareBefore.errors === 0 &&
    bareAfter.errors === 0;
  console.log(ok ? "\nall targets met" : "\nTARGETS MISSED");
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
