import "server-only";
import { ratings } from "@/db/schema";
import { insertInto } from "@/db/prepared";
import type { Tx } from "@/db/types";
import type { Deps } from "../deps";
import { enqueue } from "../outbox/outbox.service";
import { rollupRating } from "../stats/rollup";
import { openWorkOrder } from "../workorders/workorders.service";
import { chainHead, linkHash, type ChainedFields } from "./chain";

const insertRating = insertInto(ratings);

/**
 * The one way a rating is written, whoever makes it (a rater, the default job, 12345): the next
 * link of the chain, its provincial push (article 13) and, when bad, its work order — all in
 * the caller's transaction, so either everything is acknowledged or nothing is. Its figures go
 * into the article 23 rollups in the same transaction (server/stats/rollup.ts).
 */
export async function appendRating(
  deps: Deps,
  tx: Tx,
  fields: Omit<ChainedFields, "seq">,
  ctx: { orgId: string | null; head?: { seq: number; hash: string }; contactConsent?: boolean },
): Promise<ChainedFields & { workOrderId: string | null }> {
  const head = ctx.head ?? (await chainHead(tx));
  const linked: ChainedFields = { ...fields, seq: head.seq + 1 };
  await insertRating(tx, { ...linked, prevHash: head.hash, hash: linkHash(head.hash, linked) });
  await rollupRating(tx, linked);
  await enqueue(deps, tx, { channel: "province", dedupeKey: `rating:${linked.id}`, payload: { ratingId: linked.id } }, fields.createdAt);
  const workOrderId = linked.bad ? await openWorkOrder(deps, tx, { id: linked.id, caseId: linked.caseId, orgId: ctx.orgId, contactConsent: ctx.contactConsent ?? false }, fields.createdAt) : null;
  return { ...linked, workOrderId };
}
