import "server-only";

import { desc, eq } from "drizzle-orm";

import { workOrderRecords, workOrderResults } from "@/db/schema";
import type { Tx } from "@/db/types";

import type { AdminCtx } from "../access/admin-ctx";
import { type Actor, audit } from "../audit/audit.service";
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

/** An order's life at the org's desk: its records and its 办结 (SPEC §9, articles 6, 7, 21). */
type DeskCtx = Pick<AdminCtx, "deps" | "actor" | "scope">;

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
  { deps, actor, scope }: DeskCtx,
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
  { deps, actor, scope }: DeskCtx,
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
