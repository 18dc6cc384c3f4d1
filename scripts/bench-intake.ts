/**
 * npm run bench:intake — `received` events per second through the real v1 path at 32
 * connections, against two baselines measured in the same run: an empty Next route that
 * parses the same body (the framework floor) and a bare node:http + libSQL durable insert.
 */
import { randomBytes } from "node:crypto";
import { caseEvent } from "@/tests/factories";
import { bareBaseline, freePort, freshDatabase, INTAKE_KEY, load, startNext, stop, verdict, waitUp, writerCounters } from "./bench/harness";

const DIR = ".tmp/bench-intake";
let n = 0;
const body = () => {
  n += 1;
  return JSON.stringify(caseEvent({ eventId: `bench-${n}-${randomBytes(4).toString("hex")}`, case: { serialNo: `B${n}-${randomBytes(4).toString("hex")}` } }));
};

async function main(): Promise<void> {
  const { database, file } = await freshDatabase(DIR);
  database.close();
  const port = await freePort();
  const app = startNext(port, { DATABASE_URL: `file:${file}`, HCP_DATA_KEY: randomBytes(32).toString("base64") });
  process.on("exit", () => app.kill("SIGKILL"));
  const base = `http://127.0.0.1:${port}`;
  await waitUp(`${base}/api/v1/openapi.json`, app);
  const auth = { authorization: `Bearer ${INTAKE_KEY}`, "content-type": "application/json" };

  const floor = await load("empty Next route (parse JSON)", `${base}/api/dev/noop`, body, auth);
  const before = await writerCounters(base);
  const intake = await load("POST /api/v1/case-events (received)", `${base}/api/v1/case-events`, body, auth);
  const after = await writerCounters(base);
  await stop(app);
  verdict(intake, floor, await bareBaseline(DIR, body), before, after, { ratio: 0.7, p99: 50, perFsync: 5 });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
