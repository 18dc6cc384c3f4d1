import "server-only";

import { eq } from "drizzle-orm";

import { workOrders } from "@/db/schema";
import type { Tx } from "@/db/types";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { enqueue } from "../outbox/outbox.service";
import { workOrderDueAt } from "./deadline";
import { workOrderOutboxKey } from "./outbox-key";
import { isEnded, type WorkOrderBasis, type WorkOrderStatus } from "./workorders.rules";

/**
 * Article 21: a bad rating opens a work order in the same transaction, and the order goes to
 * 12345 through the outbox (its body is built at delivery, from the rating and the case).
 * `contactConsent`: the rater ticked 同意回访, so 12345 gets the phone (SPEC §9).
 */
export async function openWorkOrder(
  deps: Deps,
  tx: Tx,
  rating: {
    id: string;
    caseId: string | null;
    orgId: string | null;
    contactConsent?: boolean;
    basis?: WorkOrderBasis;
  },
  now: number,
): Promise<string> {
  const id = newId(now);
  await tx.insert(workOrders).values({
    id,
    ratingId: rating.id,
    caseId: rating.caseId,
    orgId: rating.orgId,
    status: "open",
    dueAt: await workOrderDueAt(tx, now),
    createdAt: now,
    contactConsent: rating.contactConsent ?? false,
    basis: rating.basis ?? "overall",
  });
  await enqueue(
    deps,
    tx,
    {
      channel: "hotline",
      dedupeKey: workOrderOutboxKey(id),
      payload: { type: "work_order.created", workOrderId: id },
    },
    now,
  );
  return id;
}

/** Every status change of an order goes through here, so the desk's `done`/`endedAt` follow it. */
export async function setWorkOrderStatus(
  tx: Tx,
  id: string,
  status: WorkOrderStatus,
  now: number,
): Promise<void> {
  const ended = isEnded(status);
  await tx
    .update(workOrders)
    .set({ status, done: ended ? 1 : 0, endedAt: ended ? now : null })
    .where(eq(workOrders.id, id));
}
