import "server-only";

import { superviseNotices } from "@/db/schema";

import type { ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { orderInScope } from "../workorders/desk.detail";
import { isEnded, STATUS_WORD } from "../workorders/workorders.rules";
import type { TSupervise } from "./tasks.schema";

/**
 * 督办 (SPEC §9, article 5): the bureau presses the order's org with a note. The notice enters the
 * order's timeline and the org's 待办; the tasks job texts its opted-in handlers; audited.
 */
export async function superviseOrder(
  { deps, actor }: ActorCtx,
  input: TSupervise,
): Promise<{ id: string }> {
  return deps.database.write(async (tx) => {
    const wo = await orderInScope(tx, { all: true, orgIds: null }, input.workOrderId);
    if (isEnded(wo.status))
      throw new DomainError("invalid", `工单已结束（${STATUS_WORD[wo.status]}），无需督办`);
    const now = deps.clock.now();
    const id = newId(now);
    await tx.insert(superviseNotices).values({
      id,
      workOrderId: wo.id,
      orgId: wo.orgId,
      note: input.note,
      accountId: actor.id,
      actorName: actor.name,
      createdAt: now,
    });
    await audit(
      deps,
      actor,
      {
        action: "work_order.supervise",
        target: `work_order:${wo.id}`,
        orgId: wo.orgId,
        detail: { notice: id },
      },
      tx,
    );
    return { id };
  });
}
