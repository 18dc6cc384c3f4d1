import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { inArray } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";

import { ratings, workOrders } from "../../db/schema";
import { systemClock } from "../../server/clock";
import { verifyChain } from "../../server/ratings/chain";
import { depsOf, testDatabase } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";
import { submitRating } from "../scale/load";
import { newWebhookSecret, startWebhookReceiver } from "../webhook-receiver";

const CASES = 400;
const stopAll: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stopAll.reverse()) await s();
});

test("kill -9 under a stream of ratings: every acknowledged one survives, the chain verifies, every work order is delivered after restart", async () => {
  const { database, file } = await testDatabase();
  const key = inject("dataKey");
  stopAll.push(() => Promise.resolve(database.close()));
  const deps = depsOf(database, key, systemClock);
  const raters = await Promise.all(Array.from({ length: CASES }, (_, i) => signedInRater(deps, i)));

  const secret = newWebhookSecret();
  const receiver = await startWebhookReceiver(secret);
  stopAll.push(receiver.stop);
  const env = {
    HOTLINE_WEBHOOK_URL: receiver.url,
    HOTLINE_WEBHOOK_SECRET: secret,
    JOBS_INTERVAL_S: "0",
  };
  let server: RunningServer = await startServer({ databaseUrl: `file:${file}`, env });

  const acked: string[] = [];
  let next = 0;
  let failedRequests = 0;
  const statuses = new Map<number, number>();
  async function stream(): Promise<void> {
    while (next < CASES) {
      const i = next++;
      const bad = i % 3 === 0;
      const submissionId = `crash-${i}`;
      try {
        const res = await submitRating(server.url, raters[i]!, submissionId, bad);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) acked.push(submissionId);
      } catch {
        failedRequests += 1;
        return;
      }
    }
  }
  const streams = Array.from({ length: 16 }, () => stream());
  const until = Date.now() + 30_000;
  while (acked.length < 120 && next < CASES && Date.now() < until)
    await new Promise((r) => setTimeout(r, 5));
  expect(acked.length, `answers so far: ${JSON.stringify([...statuses])}`).toBeGreaterThanOrEqual(
    120,
  );
  server.process.kill("SIGKILL");
  await Promise.all(streams);
  await server.stop();

  server = await startServer({ databaseUrl: `file:${file}`, env });
  stopAll.push(() => server.stop());
  const stored = await database.db
    .select({ submissionId: ratings.submissionId })
    .from(ratings)
    .where(inArray(ratings.submissionId, acked));
  const chain = await verifyChain(database.db);
  const totalRatings = await database.db.$count(ratings);
  const orders = await database.db.$count(workOrders);

  // async: the webhook receiver lives in this process and must keep answering meanwhile
  const jobs = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/jobs.ts", "--once"],
    {
      env: {
        ...process.env,
        DATABASE_URL: `file:${file}`,
        HCP_DATA_KEY: key,
        ...env,
        LOG_LEVEL: "warn",
      },
    },
  );
  expect(jobs.stdout).toContain('"deliveries"');
  console.log(
    `crash test: ${acked.length} acknowledged before kill -9, ${failedRequests} requests cut off, ${stored.length} of the acknowledged found after restart, ` +
      `${totalRatings} ratings stored in all, chain ${chain.brokenAt === null ? "intact" : "BROKEN"} over ${chain.count}, ${orders} work orders, ${receiver.processed.size} delivered after restart`,
  );
  expect(stored.length).toBe(acked.length);
  expect(chain).toEqual({ count: totalRatings, brokenAt: null });
  expect(orders).toBeGreaterThan(0);
  expect(receiver.processed.size).toBe(orders);
  // the restarted server serves again
  expect((await fetch(`${server.url}/api/v1/openapi.json`)).status).toBe(200);
});
