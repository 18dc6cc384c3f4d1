import { request } from "node:http";

import { inArray } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";

import { cases, ratings } from "@/db/schema";
import { systemClock } from "@/server/clock";
import { verifyChain } from "@/server/ratings/chain";

import { DEMO_KEYS } from "../constants";
import { depsOf, testDatabase } from "../db";
import { caseEvent } from "../factories";
import { startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";
import { type Rater, submitRating } from "./load";

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** A GET on a connection of its own (fetch would reuse one the server is closing). */
function freshGet(
  url: string,
): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"], body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** A case event whose body is sent in two halves: in flight until `finish()`. */
function slowEvent(url: string) {
  const body = JSON.stringify(caseEvent());
  const serialNo = (JSON.parse(body) as { case: { serialNo: string } }).case.serialNo;
  let resolveAnswer: (r: { status: number; body: string }) => void = () => {};
  const answer = new Promise<{ status: number; body: string }>((r) => (resolveAnswer = r));
  const req = request(`${url}/api/v1/case-events`, {
    method: "POST",
    agent: false,
    headers: {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      authorization: `Bearer ${DEMO_KEYS.intake}`,
    },
  });
  req.on("error", (e) => resolveAnswer({ status: 0, body: e.message }));
  req.on("response", (res) => {
    let text = "";
    res.on("data", (d: Buffer) => (text += d.toString()));
    res.on("end", () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { serialNo, answer, finish: () => req.end(body.slice(half)) };
}

test("SIGTERM under a stream of ratings: ready says 503 at once, the request in flight is answered, every acknowledged rating is stored, exit 0 within 10 s", async () => {
  const { database, file } = await testDatabase();
  cleanup.push(() => database.close());
  const deps = depsOf(database, inject("dataKey"), systemClock);
  const raters: Rater[] = [];
  for (let i = 0; i < 160; i++) raters.push(await signedInRater(deps, 8000 + i));
  const server = await startServer({ databaseUrl: `file:${file}`, env: { JOBS_INTERVAL_S: "0" } });
  cleanup.push(() => server.stop());

  const acked: string[] = [];
  const statuses: Record<string, number> = {};
  const odd: string[] = [];
  let next = 0;
  async function stream(): Promise<void> {
    while (next < raters.length) {
      const i = next++;
      try {
        const r = await submitRating(server.url, raters[i]!, `stop-run-${i}`, i % 5 === 0);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 200) acked.push(`stop-run-${i}`);
        else if (r.status !== 503) odd.push(JSON.stringify(r.body).slice(0, 300));
      } catch {
        // the port closed: the load balancer sends it elsewhere
        statuses.refused = (statuses.refused ?? 0) + 1;
      }
    }
  }
  const slow = slowEvent(server.url);
  const streams = Array.from({ length: 8 }, () => stream());
  while (acked.length < 40) await new Promise((r) => setTimeout(r, 5));

  const exited = new Promise<number | null>((r) => server.process.once("exit", (code) => r(code)));
  const t0 = Date.now();
  server.process.kill("SIGTERM");
  // the slow request holds the stop open: meanwhile a new request, the readiness check too, is not taken
  // the signal is handled a moment after it is sent; each check on a new connection, as a balancer's
  let ready = await freshGet(`${server.url}/api/ready`);
  while (ready.status === 200 && Date.now() - t0 < 2000)
    ready = await freshGet(`${server.url}/api/ready`);
  expect(ready.status, server.output()).toBe(503);
  expect(ready.retryAfter).toBe("5");
  expect(JSON.parse(ready.body)).toMatchObject({ error: { code: "unavailable" } });
  slow.finish();
  expect(await slow.answer).toMatchObject({ status: 200 });
  const code = await exited;
  const stopMs = Date.now() - t0;
  await Promise.all(streams);

  expect(code).toBe(0);
  expect(stopMs).toBeLessThan(10_000);
  expect(server.output()).toMatch(/stopped on SIGTERM/);
  expect(
    Object.keys(statuses).filter((s) => !["200", "503", "refused"].includes(s)),
    odd.join("\n"),
  ).toEqual([]);
  const stored = await database.db
    .select({ id: ratings.submissionId })
    .from(ratings)
    .where(inArray(ratings.submissionId, acked));
  expect(stored.length).toBe(acked.length);
  expect(await database.db.$count(cases, inArray(cases.serialNo, [slow.serialNo]))).toBe(1);
  expect((await verifyChain(database.db)).brokenAt).toBeNull();
  console.log(
    `graceful stop: ${acked.length} ratings acknowledged, all stored; answers ${JSON.stringify(statuses)}; exit ${code} in ${stopMs} ms`,
  );
});
