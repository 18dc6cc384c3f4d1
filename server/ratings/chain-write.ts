import "server-only";

import { insertInto, insertManyInto } from "@/db/prepared";
import { ratings } from "@/db/schema";
import type { Tx } from "@/db/types";
import { groupMemo, sentWrites } from "@/db/writer";

import type { Deps } from "../deps";
import { enqueue, enqueueMany } from "../outbox/outbox.service";
import { rollupRating, rollupRatings } from "../stats/rollup";
import { orderBasis } from "../workorders/workorders.rules";
import { openWorkOrder } from "../workorders/workorders.service";
import { type ChainedFields, chainHead, linkHash } from "./chain";
import { parseScores } from "./scores";

const insertRating = insertInto(ratings);
/** The chain's head as the last rating written in this group left it (db/writer.ts groupMemo). */
const HEAD = "ratings.chain-head";
type Head = { seq: number; hash: string };
const insertRatings = insertManyInto(ratings);

const basisOf = (r: Pick<ChainedFields, "overallLevel" | "scores">) =>
  orderBasis(r.overallLevel, parseScores(r.scores));

/**
 * The one way a rating is written, whoever makes it (a rater, 12345; the default job writes many
 * at once through writeChainedRatings below, which does the same for each): the next link of the
 * hash chain (./chain.ts), its provincial push (article 13) and, when bad, its work order — all
 * in the caller's transaction, so either everything is acknowledged or nothing is. Each rating's
 * figures go into the article 23 rollups in the same transaction (server/stats/rollup.ts). Not
 * to be confused with appended.service.ts appendToRating (追加评价), which never touches a rating.
 */
export async function writeChainedRating(
  deps: Deps,
  tx: Tx,
  fields: Omit<ChainedFields, "seq">,
  ctx: {
    orgId: string | null;
    itemId?: string;
    head?: { seq: number; hash: string };
    contactConsent?: boolean;
  },
): Promise<ChainedFields & { workOrderId: string | null }> {
  // the head an earlier rating of this group linked is newer than one the caller read ahead of it
  const memo = groupMemo(tx);
  const head = (memo?.get(HEAD) as Head | undefined) ?? ctx.head ?? (await chainHead(tx));
  const linked: ChainedFields = { ...fields, seq: head.seq + 1 };
  const hash = linkHash(deps.pii.suite, head.hash, linked);
  memo?.set(HEAD, { seq: linked.seq, hash });
  // sent without waiting for each (db/writer.ts sentWrites): one round trip on a libSQL server
  await sentWrites(tx, [
    insertRating(tx, { ...linked, prevHash: head.hash, hash }),
    enqueue(
      deps,
      tx,
      { channel: "province", dedupeKey: `rating:${linked.id}`, payload: { ratingId: linked.id } },
      fields.createdAt,
    ),
  ]);
  // a caller that read the case already (the submit path) gives its org and item: no second lookup
  await rollupRating(
    tx,
    linked,
    ctx.itemId === undefined ? undefined : { orgId: ctx.orgId, itemId: ctx.itemId },
  );
  const workOrderId = linked.bad
    ? await openWorkOrder(
        deps,
        tx,
        {
          id: linked.id,
          caseId: linked.caseId,
          orgId: ctx.orgId,
          contactConsent: ctx.contactConsent ?? false,
          basis: basisOf(linked),
        },
        fields.createdAt,
      )
    : null;
  return { ...linked, workOrderId };
}

/**
 * Many ratings at once, as `writeChainedRating` writes each (a batched job: article 17 defaults): each
 * linked onto the one before it in order, then one statement for the ratings and one for their
 * provincial pushes; a bad one still opens its work order. Same transaction, same guarantees.
 */
export async function writeChainedRatings(
  deps: Deps,
  tx: Tx,
  list: { fields: Omit<ChainedFields, "seq">; orgId: string | null; itemId?: string }[],
): Promise<void> {
  if (list.length === 0) return;
  const memo = groupMemo(tx);
  let head = (memo?.get(HEAD) as Head | undefined) ?? (await chainHead(tx));
  const rows = list.map(({ fields }) => {
    const linked: ChainedFields = { ...fields, seq: head.seq + 1 };
    const row = {
      ...linked,
      prevHash: head.hash,
      hash: linkHash(deps.pii.suite, head.hash, linked),
    };
    head = { seq: row.seq, hash: row.hash };
    return row;
  });
  memo?.set(HEAD, head);
  await insertRatings(tx, rows);
  // the cases the caller read already (the default job's due stages) are not read again
  const known = new Map(
    list.flatMap(({ fields, orgId, itemId }) =>
      fields.caseId && orgId && itemId ? [[fields.caseId, { orgId, itemId }] as const] : [],
    ),
  );
  await rollupRatings(tx, rows, known);
  await enqueueMany(
    deps,
    tx,
    rows.map((r) => ({
      channel: "province",
      dedupeKey: `rating:${r.id}`,
      payload: { ratingId: r.id },
      at: r.createdAt,
    })),
  );
  for (const [i, r] of rows.entries()) {
    if (r.bad)
      await openWorkOrder(
        deps,
        tx,
        { id: r.id, caseId: r.caseId, orgId: list[i]!.orgId, basis: basisOf(r) },
        r.createdAt,
      );
  }
}
