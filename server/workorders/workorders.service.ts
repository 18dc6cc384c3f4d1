import "server-only";
import { workOrders } from "@/db/schema";
import type { Tx } from "@/db/types";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { enqueue } from "../outbox/outbox.service";
import { workOrderDueAt } from "./deadline";

/**
 * Article 21: a bad rating opens a work order in the same transaction, and the order goes to
 * 12345 through the outbox (its body is built at delivery, from the rating and the case).
 */
export async function openWorkOrder(deps: Deps, tx: Tx, rating: { id: string; caseId: string | null; orgId: string | null }, now: number): Promise<string> {
  const id = newId(now);
  await tx.insert(workOrders).values({ id, ratingId: rating.id, caseId: rating.caseId, orgId: rating.orgId, status: "open", dueAt: await workOrderDueAt(tx, now), createdAt: now });
  await enqueue(deps, tx, { channel: "hotline", dedupeKey: `workorder:${id}`, payload: { workOrderId: id } }, now);
  return id;
}
