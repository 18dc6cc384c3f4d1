import "server-only";

import { desc, eq } from "drizzle-orm";

import {
  applicants,
  cases,
  hotlineCalls,
  misconductMarks,
  ratings,
  workOrderRecords,
  workOrderResults,
} from "@/db/schema";
import type { Reader, Tx } from "@/db/types";

import { inScope, type Scope } from "../access/scope";
import { type Actor, audit } from "../audit/audit.service";
import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { orderInScope } from "./desk.detail";
import type { TDeskClose, TDeskRecord } from "./desk.schema";
import {
  closeRefusal,
  isEnded,
  recordRefusal,
  statusAfterRecord,
  type WorkOrderStatus,
} from "./workorders.rules";
import { setWorkOrderStatus } from "./workorders.service";

/** The form's record appended and the status moved forward as the rules say (or refused with their sentence). */
async function writeRecord(
  deps: Deps,
  tx: Tx,
  actor: Actor,
  wo: { id: string; status: WorkOrderStatus; orgId: string | null },
  input: TDeskRecord,
) {
  const refusal = recordRefusal(wo.status, input);
  if (refusal) throw new DomainError("invalid", refusal);
  const now = deps.clock.now();
  await tx.insert(workOrderRecords).values({
    id: newId(now),
    workOrderId: wo.id,
    kind: "record",
    visitText: input.visitText?.trim() || null,
    verified: input.verified ?? null,
    measures: input.measures?.trim() || null,
    interviewed: input.interviewed,
    accountId: actor.id,
    actorName: actor.name,
    createdAt: now,
  });
  const status = statusAfterRecord(wo.status, input);
  if (status !== wo.status) await setWorkOrderStatus(tx, wo.id, status, now);
  await audit(
    deps,
    actor,
    {
      action: "work_order.record",
      target: `work_order:${wo.id}`,
      orgId: wo.orgId,
      detail: { from: wo.status, to: status },
    },
    tx,
  );
  return status;
}

/** 保存 on the form 回访记录: an appended record; the status moves forward as the rules say. */
export async function addDeskRecord(
  deps: Deps,
  actor: Actor,
  scope: Scope,
  input: TDeskRecord,
): Promise<{ status: WorkOrderStatus }> {
  return deps.database.write(async (tx) => ({
    status: await writeRecord(deps, tx, actor, await orderInScope(tx, scope, input.id), input),
  }));
}

/** Whether the form holds anything to save. */
const holdsRecord = (r: Partial<TDeskRecord>) =>
  Boolean(r.visitText?.trim() || r.measures?.trim() || r.verified != null || r.interviewed);

/** What the order's records and 12345's results say, for the closing rule. */
async function closeFacts(tx: Tx, workOrderId: string) {
  const records = await tx
    .select()
    .from(workOrderRecords)
    .where(eq(workOrderRecords.workOrderId, workOrderId))
    .orderBy(desc(workOrderRecords.createdAt));
  const results = await tx
    .select()
    .from(workOrderResults)
    .where(eq(workOrderResults.workOrderId, workOrderId))
    .orderBy(desc(workOrderResults.createdAt));
  const verdicts = [
    ...records.map((r) => ({ at: r.createdAt, v: r.verified })),
    ...results.map((r) => ({ at: r.createdAt, v: r.verified })),
  ]
    .filter((x) => x.v !== null)
    .sort((a, b) => b.at - a.at);
  return {
    verified: verdicts[0]?.v ?? null,
    rectified: records.some((r) => !!r.measures) || results.some((r) => r.status === "rectified"),
  };
}

/**
 * 办结工单 (SPEC §9): what the form holds is saved first (as 保存 would), then the order closes —
 * refused, with a sentence naming what is missing, only when something still is; then nothing is
 * written at all. A closed order takes no more records.
 */
export async function closeAtDesk(
  deps: Deps,
  actor: Actor,
  scope: Scope,
  input: TDeskClose,
): Promise<{ status: WorkOrderStatus }> {
  return deps.database.write(async (tx) => {
    const wo = await orderInScope(tx, scope, input.id);
    if (isEnded(wo.status))
      throw new DomainError(
        "invalid",
        closeRefusal({ status: wo.status, verified: null, rectified: false })!,
      );
    const status = holdsRecord(input)
      ? await writeRecord(deps, tx, actor, wo, { interviewed: false, ...input })
      : wo.status;
    const refusal = closeRefusal({ status, ...(await closeFacts(tx, wo.id)) });
    if (refusal) throw new DomainError("invalid", refusal);
    const now = deps.clock.now();
    await tx.insert(workOrderRecords).values({
      id: newId(now),
      workOrderId: wo.id,
      kind: "close",
      interviewed: false,
      accountId: actor.id,
      actorName: actor.name,
      createdAt: now,
    });
    await setWorkOrderStatus(tx, wo.id, "closed", now);
    await audit(
      deps,
      actor,
      {
        action: "work_order.close",
        target: `work_order:${wo.id}`,
        orgId: wo.orgId,
        detail: { from: status },
      },
      tx,
    );
    return { status: "closed" };
  });
}

/** The rater's name and phone, unsealed: of the case's applicant, or of a 12345 caller. */
export async function raterOf(
  deps: Deps,
  db: Reader,
  r: { caseId: string | null; ratingId: string },
): Promise<{ name: string | null; phone: string | null }> {
  if (r.caseId) {
    const [a] = await db
      .select({ piiEnc: applicants.piiEnc })
      .from(cases)
      .innerJoin(applicants, eq(applicants.id, cases.applicantId))
      .where(eq(cases.id, r.caseId));
    const pii = a ? openApplicantPii(deps.pii, a.piiEnc) : null;
    return { name: pii?.name ?? null, phone: pii?.phone ?? null };
  }
  const [call] = await db
    .select({ n: hotlineCalls.callerNameEnc, p: hotlineCalls.callerPhoneEnc })
    .from(ratings)
    .innerJoin(hotlineCalls, eq(hotlineCalls.callId, ratings.callId))
    .where(eq(ratings.id, r.ratingId));
  return {
    name: call?.n ? deps.pii.decrypt(call.n) : null,
    phone: call ? deps.pii.decrypt(call.p) : null,
  };
}

/** 查看完整信息: the rater's name and phone for the org's own revisit, with the reason audited (article 16). */
export async function revealRater(
  deps: Deps,
  actor: Actor,
  scope: Scope,
  id: string,
  reason: string,
): Promise<{ name: string | null; phone: string | null }> {
  const db = deps.database.db;
  const wo = await orderInScope(db, scope, id);
  const rater = await raterOf(deps, db, { caseId: wo.caseId, ratingId: wo.ratingId });
  await audit(deps, actor, {
    action: "pii.reveal",
    target: `work_order:${wo.id}`,
    orgId: wo.orgId,
    reason,
  });
  return rater;
}

/** Article 25: mark a rating or work order 涉嫌违纪违法 with a note; only the bureau reads the list. */
export async function markMisconduct(
  deps: Deps,
  actor: Actor,
  scope: Scope,
  input: { targetKind: "rating" | "work_order"; targetId: string; note: string },
): Promise<{ id: string }> {
  const db = deps.database.db;
  let orgId: string | null;
  if (input.targetKind === "work_order")
    orgId = (await orderInScope(db, scope, input.targetId)).orgId;
  else {
    const [r] = await db
      .select({ orgId: cases.orgId })
      .from(ratings)
      .leftJoin(cases, eq(cases.id, ratings.caseId))
      .where(eq(ratings.id, input.targetId));
    if (!r || !inScope(scope, r.orgId)) throw new DomainError("not_found", "找不到这条评价");
    orgId = r.orgId;
  }
  return deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const id = newId(now);
    await tx.insert(misconductMarks).values({
      id,
      targetKind: input.targetKind,
      targetId: input.targetId,
      orgId,
      noteEnc: deps.pii.encrypt(input.note),
      accountId: actor.id,
      actorName: actor.name,
      createdAt: now,
    });
    await audit(
      deps,
      actor,
      {
        action: "misconduct.mark",
        target: `${input.targetKind}:${input.targetId}`,
        orgId,
        reason: input.note,
      },
      tx,
    );
    return { id };
  });
}

/** The bureau's list of article-25 marks, newest first, notes unsealed. */
export async function listMisconduct(deps: Deps) {
  const rows = await deps.database.db
    .select()
    .from(misconductMarks)
    .orderBy(desc(misconductMarks.createdAt))
    .limit(200);
  return rows.map((m) => ({
    id: m.id,
    targetKind: m.targetKind,
    targetId: m.targetId,
    note: deps.pii.decrypt(m.noteEnc),
    by: m.actorName,
    at: m.createdAt,
  }));
}
