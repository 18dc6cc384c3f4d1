import "server-only";

import { desc } from "drizzle-orm";

import { misconductMarks } from "@/db/schema";

import type { AdminCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { newId } from "../ids";
import { ratingInScope } from "../ratingdesk/ratingdesk.detail";
import { orderInScope } from "../workorders/desk.detail";
import type { TMark } from "./misconduct.schema";

/**
 * Article 25: mark a rating or a work order 涉嫌违纪违法 with a note (sealed like PII); the org
 * admin marks within their scope, and only the bureau reads the list.
 */
export async function markMisconduct(
  { deps, actor, scope }: Pick<AdminCtx, "deps" | "actor" | "scope">,
  input: TMark,
): Promise<{ id: string }> {
  const db = deps.database.db;
  const { orgId } =
    input.targetKind === "work_order"
      ? await orderInScope(db, scope, input.targetId)
      : await ratingInScope(db, scope, input.targetId);
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
export async function listMisconduct({ deps }: Pick<AdminCtx, "deps">) {
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
