import "server-only";

import { insertManyInto, queryIn } from "@/db/prepared";
import { applicants, caseEvents, cases, ratingStages } from "@/db/schema";
import type { Tx } from "@/db/types";
import { sentWrites } from "@/db/writer";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { mapInSlices } from "../turns";
import { deriveCase } from "./cases.rules";
import type { TCaseAnswer, TCaseEvent } from "./cases.schema";
import {
  answerOf,
  applicantRow,
  caseEventWrite,
  eventRow,
  factOf,
  newCaseRow,
  newStageRows,
  prepareCaseEvent,
  type PreparedEvent,
  prepareKnownCaseEvent,
} from "./cases.service";

export type EventOutcome = { ok: true; answer: TCaseAnswer } | { ok: false; error: unknown };

const insertApplicants = insertManyInto(applicants);
const insertCases = insertManyInto(cases);
const insertStages = insertManyInto(ratingStages);
const insertEvents = insertManyInto(caseEvents);
// plain SQL, not drizzle's builder: these run on the off-thread writer too (db/off-thread.ts)
export const storedEventIds = queryIn<{ eventId: string }>(
  (marks) => `select event_id as eventId from case_events where event_id in (${marks})`,
);
export const storedSerials = queryIn<{ serialNo: string }>(
  (marks) => `select serial_no as serialNo from cases where serial_no in (${marks})`,
);
export const storedApplicantsOf = queryIn<{ id: string; type: string; idHash: string }>(
  (marks) =>
    `select id, type, id_hash as idHash from applicants
     where type in ('person', 'enterprise') and id_hash in (${marks})`,
);

/**
 * Events per write of the fast path: a batch of the usual 500 in one. On a file the write runs on
 * the writer's worker thread (db/off-thread.ts), so its size no longer holds the event loop; a
 * citizen's write queued behind it waits for its SQL, 30–40 ms in bench:bulk, not for the batch's
 * sealing and hashing, done before. Against a libSQL server it is one round trip a table.
 */
export const FRESH_PER_WRITE = 500;

/**
 * SPEC §6 batch (补报 after an outage). Every event is prepared at once (code lookups, hashes).
 * Then the writes are queued without waiting between them, so the one writer commits the lot in
 * a few groups — one fsync per group, not per event:
 * - first, in writes of FRESH_PER_WRITE, the events that open a case nobody has yet (the bulk of
 *   a backlog): looked up together and inserted with one multi-row statement per table, each
 *   answered exactly as the single endpoint answers a first event;
 * - then every other event (a later event of a known case, a replay, a conflict) one by one in
 *   the request's order, through the single endpoint's own write.
 * Only the first event of a serial number or eventId in the batch may take the fast path, so
 * each case sees its events in the same order as the single endpoint would give it, and each
 * answer is the one it would give. A failing event rolls back alone; every write resolves only
 * once its group is on disk, so when this returns every event answered ok is durable.
 */
export async function recordCaseEvents(
  deps: Deps,
  clientId: string,
  events: TCaseEvent[],
): Promise<EventOutcome[]> {
  const prepared = await prepareAll(deps, events);
  const seenSerial = new Set<string>();
  const seenEvent = new Set<string>();
  const candidates: number[] = [];
  prepared.forEach((p, i) => {
    if (p.status !== "fulfilled") return;
    const { serialNo } = p.value.event.case;
    const { eventId } = p.value.event;
    if (!seenSerial.has(serialNo) && !seenEvent.has(eventId)) candidates.push(i);
    seenSerial.add(serialNo);
    seenEvent.add(eventId);
  });

  const outcomes: (EventOutcome | undefined)[] = prepared.map((p) =>
    p.status === "rejected" ? { ok: false, error: p.reason as unknown } : undefined,
  );
  const chunks: number[][] = [];
  for (let i = 0; i < candidates.length; i += FRESH_PER_WRITE)
    chunks.push(candidates.slice(i, i + FRESH_PER_WRITE));
  const fast: Promise<void>[] = [];
  // each chunk's write is queued once its rows are built, in order, and runs while the next is
  // built; a chunk that fails as a whole (it should not) goes the single way, event by event
  for (const chunk of chunks) {
    const ps = chunk.map((i) => (prepared[i] as PromiseFulfilledResult<PreparedEvent>).value);
    const write = await writeFresh(deps, clientId, ps).catch(() => undefined);
    if (!write) continue;
    fast.push(
      deps.database
        .bulkWrite(write)
        .then((answers) =>
          answers.forEach((a, k) => a && (outcomes[chunk[k]!] = { ok: true, answer: a })),
        )
        .catch(() => undefined),
    );
  }
  await Promise.all(fast);

  const rest = prepared.map((p, i) =>
    outcomes[i] || p.status !== "fulfilled"
      ? Promise.resolve(undefined)
      : deps.database.readThenWrite(caseEventWrite(deps, clientId, p.value)).then(
          (answer): EventOutcome => ({ ok: true, answer }),
          (error: unknown): EventOutcome => ({ ok: false, error }),
        ),
  );
  const settled = await Promise.all(rest);
  return outcomes.map((o, i) => o ?? settled[i]!);
}

/**
 * Every event prepared, as Promise.allSettled would give them, but at once for an event whose
 * codes are memoised (most of a batch): the lookups make fifteen promises an event, and Next's
 * async context tracks every one. Only the rest wait for their lookups.
 */
async function prepareAll(
  deps: Deps,
  events: TCaseEvent[],
): Promise<PromiseSettledResult<PreparedEvent>[]> {
  const settled: PromiseSettledResult<PreparedEvent>[] = [];
  const later: Promise<void>[] = [];
  await mapInSlices(events, (e, i) => {
    try {
      const value = prepareKnownCaseEvent(deps, e);
      if (value) return void (settled[i] = { status: "fulfilled", value });
    } catch (reason) {
      return void (settled[i] = { status: "rejected", reason });
    }
    later.push(
      prepareCaseEvent(deps, e).then(
        (value) => void (settled[i] = { status: "fulfilled", value }),
        (reason: unknown) => void (settled[i] = { status: "rejected", reason }),
      ),
    );
  });
  await Promise.all(later);
  return settled;
}

/** A first event's rows, built before its write: the case's applicant is settled inside it. */
interface FreshRows {
  p: PreparedEvent;
  /** `type\0idHash`: which applicant the case is for */
  who: string;
  /** a new applicant's row, should nobody stored or earlier in the write be that applicant */
  applicant: typeof applicants.$inferInsert & { id: string };
  caseRow: typeof cases.$inferInsert;
  stages: (typeof ratingStages.$inferInsert)[];
  event: typeof caseEvents.$inferInsert;
  answer: TCaseAnswer;
}

/**
 * One write for many first events: which of them are really first (no stored event, case or —
 * for reuse — applicant) is read inside the write; those are inserted with one statement per
 * table. The others answer null and take the single path afterwards. Every row is built (sealed,
 * hashed) before the write, so the write itself holds the writer only for its SQL: on a file it
 * runs on the writer's worker thread (db/off-thread.ts), and the main thread is not in its way.
 */
async function writeFresh(
  deps: Deps,
  clientId: string,
  ps: PreparedEvent[],
): Promise<(tx: Tx) => Promise<(TCaseAnswer | null)[]>> {
  const now = deps.clock.now();
  const fresh = await mapInSlices(ps, (p): FreshRows => {
    const caseId = newId();
    const derived = deriveCase(p.facts, [factOf(p)]);
    const applicant = applicantRow(deps, p.event.case.applicant, p.idHash, now);
    const answer = answerOf(caseId, p.event.case.serialNo, derived.status, derived.stages);
    return {
      p,
      who: `${p.event.case.applicant.type}\u0000${p.idHash}`,
      applicant,
      caseRow: newCaseRow({
        caseId,
        event: p.event,
        refs: p.refs,
        applicantId: applicant.id,
        derived,
        now,
      }),
      stages: newStageRows(caseId, derived.stages, now),
      event: eventRow(deps, clientId, p, caseId, answer, now),
      answer,
    };
  });
  return async (tx) => {
    const [storedEvents, storedCases, storedApplicants] = await Promise.all([
      storedEventIds(
        tx,
        ps.map((p) => p.event.eventId),
      ),
      storedSerials(
        tx,
        ps.map((p) => p.event.case.serialNo),
      ),
      storedApplicantsOf(
        tx,
        ps.map((p) => p.idHash),
      ),
    ]);
    const knownEvents = new Set(storedEvents.map((r) => r.eventId));
    const knownCases = new Set(storedCases.map((r) => r.serialNo));
    const applicantIds = new Map(storedApplicants.map((a) => [`${a.type}\u0000${a.idHash}`, a.id]));
    const rows = {
      applicants: [] as (typeof applicants.$inferInsert)[],
      cases: [] as (typeof cases.$inferInsert)[],
      stages: [] as (typeof ratingStages.$inferInsert)[],
      events: [] as (typeof caseEvents.$inferInsert)[],
    };
    const answers = fresh.map((f) => {
      if (knownEvents.has(f.p.event.eventId) || knownCases.has(f.p.event.case.serialNo))
        return null;
      let applicantId = applicantIds.get(f.who);
      if (!applicantId) {
        rows.applicants.push(f.applicant);
        applicantIds.set(f.who, (applicantId = f.applicant.id));
      }
      rows.cases.push({ ...f.caseRow, applicantId });
      rows.stages.push(...f.stages);
      rows.events.push(f.event);
      return f.answer;
    });
    await sentWrites(tx, [
      insertApplicants(tx, rows.applicants),
      insertCases(tx, rows.cases),
      insertStages(tx, rows.stages),
      insertEvents(tx, rows.events),
    ]);
    return answers;
  };
}
