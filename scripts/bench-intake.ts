/**
 * npm run bench:intake — `received` events per second through the real v1 path at 32
 * connections, against two baselines measured in the same run: an empty Next route that
 * parses the same body (the framework floor) and a bare node:http + libSQL durable insert.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/seed";
import { freePort, load, printTable, startNext, stop, waitUp } from "./bench/harness";
import { caseEvent } from "@/tests/factories";

const DIR = ".tmp/bench-intake";
const key = "demo-intake-key";
let n = 0;
const body = () => {
  n += 1;
  return JSON.stringify(caseEvent({ eventId: `bench-${n}-${randomBytes(4).toString("hex")}`, case: { serialNo: `B${n}-${randomBytes(4).toString("hex")}` } }));
};

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const dbFile = `${DIR}/app.db`;
  const database = await openDatabase(`file:${dbFile}`);
  await migrateDatabase(database);
  await seedDemo(database, { now: Date.now(), intakeKey: key, hotlineKey: "demo-hotline-key" });
  database.close();

  const port = await freePort();
  const app = startNext(port, { DATABASE_URL: `file:${dbFile}`, HCP_DATA_KEY: randomBytes(32).toString("base64") });
  const base = `http://127.0.0.1:${port}`;
  process.on("exit", () => app.kill("SIGKILL"));
  await waitUp(`${base}/api/v1/openapi.json`, app);
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };

  const floor = await load("empty Next route (parse JSON)", `${base}/api/dev/noop`, body, auth);
  const before = (await (await fetch(`${base}/api/dev/writer`)).json()) as { groups: number; writes: number };
  const intake = await load("POST /api/v1/case-events (received)", `${base}/api/v1/case-events`, body, auth);
  const after = (await (await fetch(`${base}/api/dev/writer`)).json()) as { groups: number; writes: number };
  await stop(app);

  const barePort = await freePort();
  const bare = spawn(process.execPath, ["--import", "tsx", "scripts/bench/bare-server.ts", `${DIR}/bare.db`, String(barePort)], { stdio: ["ignore", "ignore", "inherit"] });
  process.on("exit", () => bare.kill("SIGKILL"));
  await waitUp(`http://127.0.0.1:${barePort}/`, bare).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 500));
  const bareRun = await load("bare node:http + libSQL insert (FULL)", `http://127.0.0.1:${barePort}/`, body, auth);
  await stop(bare);

  const writes = after.writes - before.writes;
  const groups = after.groups - before.groups;
  printTable([floor, intake, bareRun]);
  const ratio = intake.rps / floor.rps;
  const perFsync = groups ? writes / groups : 0;
  console.log(`\nintake / empty Next route = ${ratio.toFixed(2)}× (target ≥ 0.70×)`);
  console.log(`intake / bare durable insert = ${(intake.rps / bareRun.rps).toFixed(2)}×`);
  console.log(`intake p99 = ${intake.p99} ms (target ≤ 50 ms)`);
  console.log(`writes per fsync = ${perFsync.toFixed(1)} (${writes} writes in ${groups} commits; target ≥ 5)`);
  const ok = ratio >= 0.7 && intake.p99 <= 50 && perFsync >= 5 && intake.non2xx === 0 && intake.errors === 0;
  console.log(ok ? "\nall targets met" : "\nTARGETS MISSED");
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
