import { afterAll, expect, inject, test } from "vitest";

import type { Database } from "@/db/client";
import { applicants, cases, ratingStages } from "@/db/schema";
import { type EventOutcome, recordCaseEvents } from "@/server/cases/cases.batch";
import { recordCaseEvent } from "@/server/cases/cases.service";
import { fixedClock } from "@/server/clock";

import { depsOf } from "../db";
import { openDemoDatabase } from "../demo-db";
import { mixedBatch } from "../factories";
import { type Sqld, startSqld } from "../sqld";

const opened: { sqld: Sqld; database: Database }[] = [];
afterAll(async () => {
  for (const o of opened) {
    o.database.close();
    await o.sqld.stop();
  }
});

async function sqldDeps() {
  const sqld = await startSqld();
  const database = await openDemoDatabase(sqld.url, Date.parse("2026-03-02T08:00:00+08:00"));
  opened.push({ sqld, database });
  return depsOf(database, inject("dataKey"), fixedClock("2026-03-02T12:00:00+08:00"));
}

const strip = (o: EventOutcome) =>
  o.ok ? { ok: true, answer: { ...o.answer, caseId: "-" } } : { ok: false, error: String(o.error) };

/*
 * On a file the batch's new cases are written by the insert worker (db/off-thread.ts); against a
 * libSQL server the same write goes through the one writer's transaction over the network. This
 * holds that second way to the single endpoint's answers, as server/cases/cases.batch.test.ts
 * holds the first.
 */
test("over a libSQL server, a batch answers and stores what the single endpoint does", async () => {
  const events = mixedBatch();
  const [one, two] = await Promise.all([sqldDeps(), sqldDeps()]);
  const single: EventOutcome[] = [];
  for (const e of events) {
    try {
      single.push({ ok: true, answer: await recordCaseEvent(one, "test", e) });
    } catch (error) {
      single.push({ ok: false, error });
    }
  }
  const batched = await recordCaseEvents(two, "test", events);
  expect(batched.map(strip)).toEqual(single.map(strip));
  expect(batched.filter((o) => !o.ok)).toHaveLength(1);
  const counts = async (d: typeof one) => ({
    cases: await d.database.db.$count(cases),
    stages: await d.database.db.$count(ratingStages),
    applicants: await d.database.db.$count(applicants),
  });
  expect(await counts(two)).toEqual(await counts(one));
  // the batch again: every event a replay (or the same conflict), nothing new stored
  const again = await recordCaseEvents(two, "test", events);
  expect(again.map(strip)).toEqual(batched.map(strip));
  expect(await counts(two)).toEqual(await counts(one));
}, 120_000);
