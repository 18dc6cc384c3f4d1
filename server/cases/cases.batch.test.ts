import { asc } from "drizzle-orm";
import { expect, test } from "vitest";

import { applicants, cases, ratingStages } from "@/db/schema";
import type { Deps } from "@/server/deps";
import { perTestDeps } from "@/tests/db";
import { caseEvent, mixedBatch } from "@/tests/factories";

import { type EventOutcome, recordCaseEvents } from "./cases.batch";
import { recordCaseEvent } from "./cases.service";

const fresh = perTestDeps();

/** What a case looks like, without the ids and times each database makes up. */
async function snapshot(deps: Deps) {
  const caseRows = await deps.database.db.select().from(cases).orderBy(asc(cases.serialNo));
  const serialOf = new Map(caseRows.map((c) => [c.id, c.serialNo]));
  const stages = await deps.database.db.select().from(ratingStages);
  return {
    cases: caseRows.map(({ id: _id, applicantId: _a, createdAt: _c, updatedAt: _u, ...c }) => c),
    stages: stages
      .map(({ id: _id, caseId, updatedAt: _u, ...s }) => ({ serialNo: serialOf.get(caseId), ...s }))
      .sort((a, b) => `${a.serialNo}${a.stage}`.localeCompare(`${b.serialNo}${b.stage}`)),
    applicants: await deps.database.db.$count(applicants),
  };
}

test("the batch's fast path answers and stores exactly what the single endpoint does, event by event in order", async () => {
  const events = mixedBatch();
  const one = await fresh("2026-03-02T12:00:00+08:00");
  const single: EventOutcome[] = [];
  for (const e of events) {
    try {
      single.push({ ok: true, answer: await recordCaseEvent(one.deps, "test", e) });
    } catch (error) {
      single.push({ ok: false, error });
    }
  }
  const two = await fresh("2026-03-02T12:00:00+08:00");
  const writesBefore = two.deps.database.writerStats().writes;
  const batched = await recordCaseEvents(two.deps, "test", events);
  // the six first events of new cases in one write, the four others one by one
  expect(two.deps.database.writerStats().writes - writesBefore).toBe(5);
  const strip = (o: EventOutcome) =>
    o.ok
      ? { ok: true, answer: { ...o.answer, caseId: "-" } }
      : { ok: false, error: String(o.error) };
  expect(batched.map(strip)).toEqual(single.map(strip));
  expect(batched.filter((o) => !o.ok)).toHaveLength(1); // the reused eventId with another body
  expect(await snapshot(two.deps)).toEqual(await snapshot(one.deps));
});

test("events refused before any write (an unknown code, a type the channel has not) are refused in their place, whether the codes are memoised or not", async () => {
  const { deps } = await fresh("2026-03-02T12:00:00+08:00");
  const kinds = (n: number) => [
    caseEvent({ eventId: `ok-${n}`, case: { serialNo: `OK-${n}` } }),
    caseEvent({ eventId: `code-${n}`, case: { serialNo: `CODE-${n}`, itemCode: "NO-SUCH" } }),
    caseEvent({ eventId: `type-${n}`, type: "terminal_finished", case: { serialNo: `T-${n}` } }),
  ];
  // the first batch finds no code memoised (its lookups run), the second finds them all
  for (const n of [1, 2]) {
    const [ok, code, type] = await recordCaseEvents(deps, "test", kinds(n));
    expect(ok).toMatchObject({ ok: true, answer: { serialNo: `OK-${n}`, status: "received" } });
    expect(code).toMatchObject({
      ok: false,
      error: { code: "invalid", details: { field: "itemCode" } },
    });
    expect(type).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(String((type as { error: unknown }).error)).toMatch(/terminal/);
  }
  expect(await deps.database.db.$count(cases)).toBe(2);
});
