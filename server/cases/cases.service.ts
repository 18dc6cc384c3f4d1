import "server-only";

import { asc, desc, eq, sql } from "drizzle-orm";

import { $, insertInto, insertManyInto, query, updateOf } from "@/db/prepared";
import { applicants, caseEvents, cases, items, orgs, ratingStages, workOrders } from "@/db/schema";
import type { Reader, Tx } from "@/db/types";
import { type ReadThenWrite, sentWrites } from "@/db/writer";

import { knownRefs, type ResolvedRefs, resolveRefs } from "../catalog/catalog.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { canonicalJson } from "../json";
import { isOverdue } from "../workorders/workorders.rules";
import { sealApplicantPii } from "./applicant-pii";
import {
  type CaseEventFact,
  type Channel,
  deriveCase,
  eventAllowed,
  mergeStage,
  type StageState,
} from "./cases.rules";
import type { TCaseAnswer, TCaseEvent, TCaseView } from "./cases.schema";

type StageRow = Omit<typeof ratingStages.$inferSelect, "caseId" | "updatedAt">;

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

export function answerOf(
  caseId: string,
  serialNo: string,
  status: TCaseAnswer["status"],
  stages: StageState[],
): TCaseAnswer {
  return {
    caseId,
    serialNo,
    status,
    ratingStages: stages.map((s) => ({
      stage: s.stage,
      status: s.status,
      opensAt: iso(s.opensAt),
      closesAt: iso(s.closesAt),
    })),
  };
}

/**
 * Records one event from a business system (SPEC §6 case-events). Idempotent on eventId:
 * a replay answers what the first call answered; the same id with another body is a 409.
 */
export async function recordCaseEvent(
  deps: Deps,
  clientId: string,
  event: TCaseEvent,
): Promise<TCaseAnswer> {
  return deps.database.readThenWrite(
    caseEventWrite(deps, clientId, await prepareCaseEvent(deps, event)),
  );
}

/** An event checked, its codes resolved and its hashes taken: everything that needs no write. */
export interface PreparedEvent {
  event: TCaseEvent;
  facts: { channel: Channel; needsCertificate: boolean };
  refs: ResolvedRefs;
  /** the event as canonical JSON: hashed for replays, and sealed as the stored payload */
  json: string;
  bodyHash: string;
  idHash: string;
  occurredAt: number;
}

/**
 * The checks and lookups of one event that need no write; the batch endpoint prepares every
 * event first, then queues the writes in the request's order so the one writer commits them in
 * a few groups.
 */
export async function prepareCaseEvent(deps: Deps, event: TCaseEvent): Promise<PreparedEvent> {
  const facts = checkedFacts(event);
  return preparedWith(deps, event, facts, await resolveRefs(deps.database.db, event.case));
}

/**
 * The same without a promise when every code of the event was looked up in the last 30 s (a
 * batch's events mostly are); undefined when one was not, and prepareCaseEvent looks it up.
 */
export function prepareKnownCaseEvent(deps: Deps, event: TCaseEvent): PreparedEvent | undefined {
  const facts = checkedFacts(event);
  const refs = knownRefs(deps.database.db, event.case);
  return refs && preparedWith(deps, event, facts, refs);
}

/** The case's facts an event is derived against, once its type is allowed on the case's channel. */
function checkedFacts(event: TCaseEvent): PreparedEvent["facts"] {
  const facts = { channel: event.case.channel, needsCertificate: event.case.needsCertificate };
  if (!eventAllowed(facts, event.type)) {
    throw new DomainError("invalid", `${event.type} only applies to cases of channel "terminal"`);
  }
  return facts;
}

function preparedWith(
  deps: Deps,
  event: TCaseEvent,
  facts: PreparedEvent["facts"],
  refs: ResolvedRefs,
): PreparedEvent {
  const json = canonicalJson(event);
  const bodyHash = deps.pii.digest("case-event", json);
  const idHash = deps.pii.blindIndex("id", event.case.applicant.idNumber);
  return { event, facts, refs, json, bodyHash, idHash, occurredAt: Date.parse(event.occurredAt) };
}

/**
 * The write that records a prepared event against what is stored: one read (the probe), then
 * writes sent without waiting for each. The keys are the rows the probe looks at: the eventId,
 * the case, the applicant (db/writer.ts: two events of one group sharing one read again in turn).
 */
export function caseEventWrite(
  deps: Deps,
  clientId: string,
  p: PreparedEvent,
): ReadThenWrite<Probe, TCaseAnswer> {
  const { event, idHash } = p;
  return {
    keys: [
      `event:${event.eventId}`,
      `case:${event.case.serialNo}`,
      `applicant:${event.case.applicant.type}:${idHash}`,
    ],
    read: (tx) => probe(tx, event, idHash),
    write: (tx, probed) => recordAgainst(deps, clientId, p, tx, probed),
  };
}

/** The same as one function of the transaction, for a caller that runs it inside a write of its own. */
export function writeCaseEvent(
  deps: Deps,
  clientId: string,
  p: PreparedEvent,
): (tx: Tx) => Promise<TCaseAnswer> {
  const plan = caseEventWrite(deps, clientId, p);
  return async (tx) => plan.write(tx, await plan.read(tx));
}

async function recordAgainst(
  deps: Deps,
  clientId: string,
  p: PreparedEvent,
  tx: Tx,
  probed: Probe,
): Promise<TCaseAnswer> {
  const { event, facts, refs, bodyHash, idHash } = p;
  const { replay, existing, applicantId: storedApplicantId, priorEvents, storedStages } = probed;
  if (replay) return replayAnswer(replay, event.eventId, bodyHash);
  const now = deps.clock.now();
  if (existing && (existing.channel !== event.case.channel || existing.itemId !== refs.itemId)) {
    throw new DomainError(
      "conflict",
      `case ${event.case.serialNo} exists with another item or channel`,
    );
  }
  // the writes are sent without waiting for each (db/writer.ts sentWrites): one round trip on a libSQL server
  const writes: Promise<unknown>[] = [];
  let applicantId = storedApplicantId;
  if (!applicantId) {
    const row = applicantRow(deps, event.case.applicant, idHash, now);
    writes.push(insertApplicantRow(tx, row));
    applicantId = row.id;
  }
  const caseId = existing?.id ?? newId();
  const derived = deriveCase(existing ?? facts, [...priorEvents, factOf(p)]);
  const stages = derived.stages.map((d) =>
    mergeStage(
      storedStages.find((s) => s.stage === d.stage),
      d,
    ),
  );
  writes.push(writeCase(tx, { existing, caseId, event, refs, applicantId, derived, now }));
  writes.push(...writeStages(tx, caseId, stages, storedStages, now));
  const answer = answerOf(caseId, event.case.serialNo, derived.status, stages);
  writes.push(insertEvent(tx, eventRow(deps, clientId, p, caseId, answer, now)));
  await sentWrites(tx, writes);
  return answer;
}

export function factOf(p: PreparedEvent): CaseEventFact {
  return {
    eventId: p.event.eventId,
    type: p.event.type,
    occurredAt: p.occurredAt,
    decision: p.event.decision ?? null,
    windowId: p.refs.windowId,
    staffId: p.refs.staffId,
  };
}

export function eventRow(
  deps: Deps,
  clientId: string,
  p: PreparedEvent,
  caseId: string,
  answer: TCaseAnswer,
  now: number,
): typeof caseEvents.$inferInsert {
  const { event, refs } = p;
  return {
    id: newId(),
    eventId: event.eventId,
    clientId,
    caseId,
    type: event.type,
    occurredAt: p.occurredAt,
    decision: event.decision ?? null,
    windowId: refs.windowId,
    staffId: refs.staffId,
    bodyHash: p.bodyHash,
    payloadEnc: deps.pii.encrypt(p.json),
    answer: JSON.stringify(answer),
    createdAt: now,
  };
}

/** The stored case's facts an event is checked and derived against. */
interface StoredCase {
  id: string;
  channel: Channel;
  itemId: string;
  needsCertificate: boolean;
  windowId: string | null;
  staffId: string | null;
}

/**
 * One round trip for everything an event is checked and derived against (intake is the hottest
 * write path, and on a libSQL server every statement waited for is a round trip): a first event
 * under this eventId, the applicant, the case as stored (its columns are null when there is none
 * yet), and that case's earlier events and stages as JSON arrays (empty for a new case).
 */
const probeStatement = query<
  Omit<StoredCase, "id" | "needsCertificate"> & {
    id: string | null;
    needsCertificate: number;
    replay: string | null;
    applicantId: string | null;
    events: string;
    stages: string;
  }
>(
  () => sql`select
    (select json_object('bodyHash', ${caseEvents.bodyHash}, 'answer', ${caseEvents.answer}) from ${caseEvents} where ${caseEvents.eventId} = ${$("eventId")}) as replay,
    (select ${applicants.id} from ${applicants} where ${applicants.type} = ${$("applicantType")} and ${applicants.idHash} = ${$("idHash")}) as applicantId,
    ${cases.id} as id, ${cases.channel} as channel, ${cases.itemId} as itemId, ${cases.needsCertificate} as needsCertificate, ${cases.windowId} as windowId, ${cases.staffId} as staffId,
    (select json_group_array(json_object('eventId', ${caseEvents.eventId}, 'type', ${caseEvents.type}, 'occurredAt', ${caseEvents.occurredAt}, 'decision', ${caseEvents.decision}, 'windowId', ${caseEvents.windowId}, 'staffId', ${caseEvents.staffId}))
      from ${caseEvents} where ${caseEvents.caseId} = ${cases.id}) as events,
    (select json_group_array(json_object('id', ${ratingStages.id}, 'stage', ${ratingStages.stage}, 'status', ${ratingStages.status}, 'opensAt', ${ratingStages.opensAt}, 'closesAt', ${ratingStages.closesAt}, 'windowId', ${ratingStages.windowId}, 'staffId', ${ratingStages.staffId}))
      from ${ratingStages} where ${ratingStages.caseId} = ${cases.id}) as stages
    from (select 1) left join ${cases} on ${cases.serialNo} = ${$("serialNo")}`,
);

type Probe = Awaited<ReturnType<typeof probe>>;

async function probe(tx: Tx, event: TCaseEvent, idHash: string) {
  const row = (await probeStatement.get(tx, {
    eventId: event.eventId,
    applicantType: event.case.applicant.type,
    idHash,
    serialNo: event.case.serialNo,
  }))!;
  const { replay, applicantId, id, needsCertificate, events, stages, ...facts } = row;
  const existing: StoredCase | undefined =
    id === null ? undefined : { id, ...facts, needsCertificate: Boolean(needsCertificate) };
  const priorEvents = existing ? (JSON.parse(events) as CaseEventFact[]) : [];
  const storedStages = existing ? (JSON.parse(stages) as StageRow[]) : [];
  return { replay, applicantId, existing, priorEvents, storedStages };
}

function replayAnswer(replay: string, eventId: string, bodyHash: string): TCaseAnswer {
  const first = JSON.parse(replay) as { bodyHash: string; answer: string };
  if (first.bodyHash !== bodyHash)
    throw new DomainError("conflict", `eventId ${eventId} was already used with a different body`);
  return JSON.parse(first.answer) as TCaseAnswer;
}

const insertApplicantRow = insertInto(applicants);
const insertCase = insertInto(cases);
const insertStages = insertManyInto(ratingStages);
const insertEvent = insertInto(caseEvents);
const updateCase = updateOf(cases);
const updateStage = updateOf(ratingStages);

export function applicantRow(
  deps: Deps,
  a: TCaseEvent["case"]["applicant"],
  idHash: string,
  now: number,
): typeof applicants.$inferInsert & { id: string } {
  return {
    id: newId(),
    type: a.type,
    idHash,
    phoneHash: deps.pii.blindIndex("phone", a.phone),
    piiEnc: sealApplicantPii(deps.pii, a),
    createdAt: now,
  };
}

interface CaseWrite {
  existing: StoredCase | undefined;
  caseId: string;
  event: TCaseEvent;
  refs: ResolvedRefs;
  applicantId: string;
  derived: ReturnType<typeof deriveCase>;
  now: number;
}

function writeCase(tx: Tx, w: CaseWrite): Promise<number> {
  const state = {
    status: w.derived.status,
    decision: w.derived.decision,
    completedAt: w.derived.completedAt,
    updatedAt: w.now,
  };
  // the window and staff that last touched the case, so the window screen can follow it
  const touch = {
    windowId: w.refs.windowId ?? w.existing?.windowId ?? null,
    staffId: w.refs.staffId ?? w.existing?.staffId ?? null,
  };
  if (w.existing) return updateCase(tx, { ...state, ...touch, id: w.caseId });
  return insertCase(tx, newCaseRow(w));
}

/** The row of a case its first event creates. */
export function newCaseRow(w: Omit<CaseWrite, "existing">): typeof cases.$inferInsert {
  const state = {
    status: w.derived.status,
    decision: w.derived.decision,
    completedAt: w.derived.completedAt,
    updatedAt: w.now,
  };
  const touch = { windowId: w.refs.windowId, staffId: w.refs.staffId };
  const c = w.event.case;
  return {
    id: w.caseId,
    serialNo: c.serialNo,
    itemId: w.refs.itemId,
    orgId: w.refs.orgId,
    channel: c.channel,
    needsCertificate: c.needsCertificate,
    terminalId: w.refs.terminalId,
    batchNo: c.batchNo ?? null,
    themeNo: c.themeNo ?? null,
    themeName: c.themeName ?? null,
    applicantId: w.applicantId,
    createdAt: w.now,
    ...state,
    ...touch,
  };
}

/** The rows of a new case's stages. */
export function newStageRows(
  caseId: string,
  stages: StageState[],
  now: number,
): (typeof ratingStages.$inferInsert)[] {
  return stages.map((s) => ({
    id: newId(),
    caseId,
    stage: s.stage,
    status: s.status,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    windowId: s.windowId,
    staffId: s.staffId,
    updatedAt: now,
  }));
}

/** The statements that bring a case's stages to `stages`, sent: a new case's in one INSERT. */
function writeStages(
  tx: Tx,
  caseId: string,
  stages: StageState[],
  stored: StageRow[],
  now: number,
): Promise<unknown>[] {
  const values = (s: StageState) => ({
    status: s.status,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    windowId: s.windowId,
    staffId: s.staffId,
  });
  const fresh = stages.filter((s) => !stored.some((r) => r.stage === s.stage));
  const writes: Promise<unknown>[] = [];
  if (fresh.length > 0)
    writes.push(
      insertStages(
        tx,
        fresh.map((s) => ({ id: newId(), caseId, stage: s.stage, ...values(s), updatedAt: now })),
      ),
    );
  for (const s of stages) {
    const row = stored.find((r) => r.stage === s.stage);
    if (row && (row.status !== s.status || row.opensAt !== s.opensAt))
      writes.push(updateStage(tx, { ...values(s), updatedAt: now, id: row.id }));
  }
  return writes;
}

/** SPEC §6 `GET /api/v1/cases/{serialNo}`: status and stages, no rater PII. */
export async function getCaseView(db: Reader, serialNo: string, now: number): Promise<TCaseView> {
  const [row] = await db
    .select({ c: cases, itemCode: items.code, itemName: items.name, orgCode: orgs.code })
    .from(cases)
    .innerJoin(items, eq(items.id, cases.itemId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .where(eq(cases.serialNo, serialNo));
  if (!row) throw new DomainError("not_found", `no case with serialNo ${JSON.stringify(serialNo)}`);
  // "receipt" sorts after "completion": descending puts the receipt stage first, as the event answers do
  const stages = await db
    .select()
    .from(ratingStages)
    .where(eq(ratingStages.caseId, row.c.id))
    .orderBy(desc(ratingStages.stage));
  const orders = await db
    .select({ id: workOrders.id, status: workOrders.status, dueAt: workOrders.dueAt })
    .from(workOrders)
    .where(eq(workOrders.caseId, row.c.id))
    .orderBy(asc(workOrders.createdAt));
  return {
    ...answerOf(row.c.id, row.c.serialNo, row.c.status, stages),
    itemCode: row.itemCode,
    itemName: row.itemName,
    orgCode: row.orgCode,
    channel: row.c.channel,
    needsCertificate: row.c.needsCertificate,
    batchNo: row.c.batchNo,
    themeNo: row.c.themeNo,
    updatedAt: new Date(row.c.updatedAt).toISOString(),
    workOrders: orders.map((o) => ({
      id: o.id,
      status: o.status,
      dueAt: new Date(o.dueAt).toISOString(),
      overdue: isOverdue(o, now),
    })),
  };
}
