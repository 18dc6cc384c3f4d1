import { inArray } from "drizzle-orm";
import { afterAll, expect, inject, test } from "vitest";

import type { Database } from "@/db/client";
import { cases, ratings } from "@/db/schema";
import { systemClock } from "@/server/clock";
import { verifyChain } from "@/server/ratings/chain";

import { v1 } from "../api/v1-client";
import { depsOf } from "../db";
import { openDemoDatabase } from "../demo-db";
import { caseEvent } from "../factories";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";
import { type Sqld, startSqld } from "../sqld";
import { type Rater, submitRating } from "./load";

let sqld: Sqld | undefined;
let database: Database | undefined;
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  database?.close();
  await sqld?.stop();
});

/**
 * SPEC §10's rolling restart: A and B on one sqld behind a load balancer (this test: round robin,
 * and a request that found an instance stopping — refused or 503 — sent to the other, as a
 * balancer retries), a stream of case events and ratings, A stopped and started, then B.
 */
test("a rolling restart of A then B under events and ratings: no error but 503 while stopping, nothing acknowledged lost, the chain intact", async () => {
  sqld = await startSqld();
  database = await openDemoDatabase(sqld.url);
  const deps = depsOf(database, inject("dataKey"), systemClock);
  const raters: Rater[] = [];
  for (let i = 0; i < 80; i++) raters.push(await signedInRater(deps, 6500 + i));
  const env = { JOBS_INTERVAL_S: "1" };
  const start = async () => {
    const s = await startServer({ databaseUrl: sqld!.url, env });
    servers.push(s);
    return s;
  };
  const up: RunningServer[] = await Promise.all([start(), start()]);

  const answers: Record<string, number> = {};
  const ackedEvents: string[] = [];
  const ackedRatings: string[] = [];
  let turn = 0;
  /** The balancer: round robin over the instances up; a stopping one's refusal or 503 goes to the next. */
  async function send<T extends { status: number }>(
    call: (url: string) => Promise<T>,
  ): Promise<T | null> {
    for (let tries = 0; tries < 6; tries++) {
      const target = up[turn++ % up.length]!;
      try {
        const r = await call(target.url);
        answers[r.status] = (answers[r.status] ?? 0) + 1;
        if (r.status !== 503) return r;
      } catch {
        answers.refused = (answers.refused ?? 0) + 1;
      }
    }
    return null;
  }
  let stopping = false;
  let nextRater = 0;
  async function stream(): Promise<void> {
    while (!stopping) {
      const e = caseEvent();
      const r = await send((url) => v1(url).post("/api/v1/case-events", e));
      if (r?.status === 200) ackedEvents.push(e.case.serialNo);
      const i = nextRater++;
      if (i < raters.length) {
        const rr = await send((url) => submitRating(url, raters[i]!, `roll-run-${i}`, i % 7 === 0));
        if (rr?.status === 200) ackedRatings.push(`roll-run-${i}`);
      }
    }
  }
  const streams = Array.from({ length: 4 }, () => stream());
  const restart = async (which: 0 | 1) => {
    const old = up[which]!;
    const exited = new Promise<number | null>((r) => old.process.once("exit", (code) => r(code)));
    old.process.kill("SIGTERM");
    const code = await exited;
    // the balancer's check of /api/ready takes the new one in once it answers
    up[which] = await start();
    return code;
  };
  while (ackedEvents.length < 20) await new Promise((r) => setTimeout(r, 5));
  const exitA = await restart(0);
  const midway = ackedEvents.length;
  while (ackedEvents.length < midway + 20) await new Promise((r) => setTimeout(r, 5));
  const exitB = await restart(1);
  const atB = ackedEvents.length;
  while (ackedEvents.length < atB + 20) await new Promise((r) => setTimeout(r, 5));
  stopping = true;
  await Promise.all(streams);

  expect([exitA, exitB]).toEqual([0, 0]);
  expect(Object.keys(answers).filter((s) => !["200", "503", "refused"].includes(s))).toEqual([]);
  const events = await database.db
    .select({ s: cases.serialNo })
    .from(cases)
    .where(inArray(cases.serialNo, ackedEvents));
  const rated = await database.db
    .select({ s: ratings.submissionId })
    .from(ratings)
    .where(inArray(ratings.submissionId, ackedRatings));
  expect(events.length).toBe(ackedEvents.length);
  expect(rated.length).toBe(ackedRatings.length);
  expect((await verifyChain(database.db)).brokenAt).toBeNull();
  console.log(
    `rolling restart: ${ackedEvents.length} events and ${ackedRatings.length} ratings acknowledged, all stored; ` +
      `answers ${JSON.stringify(answers)}; A and B exited ${exitA} and ${exitB}`,
  );
});
