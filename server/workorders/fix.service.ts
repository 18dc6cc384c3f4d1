import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import { fixRatings, ratings, workOrders } from "@/db/schema";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { enqueue } from "../outbox/outbox.service";
import { FIX_LEVELS, type FixLevel } from "../ratings/vocabulary";
import { workOrderDueAt } from "./deadline";
import { setWorkOrderStatus } from "./workorders.service";

export const ZRateFix = z.object({
  workOrderId: z.string().min(10).max(40),
  level: z.enum(FIX_LEVELS),
});
export type TRateFix = z.infer<typeof ZRateFix>;

/**
 * 评价整改结果 (SPEC §9, article 21): once a work order is closed its rater rates the fix, once
 * (满意 / 基本满意 / 不满意). 不满意 reopens the order — back to `open`, a new deadline of 10
 * working days from now, and `work_order.reopened` to 12345 through the outbox — in the same
 * write; since the fix is rated once, an order is reopened once. A second rating answers the first.
 */
export async function rateFix(
  deps: Deps,
  applicantIds: string[],
  input: TRateFix,
): Promise<{ level: FixLevel; reopened: boolean; replay: boolean }> {
  return deps.database.write(async (tx) => {
    const [wo] = await tx
      .select({ id: workOrders.id, status: workOrders.status, applicantId: ratings.applicantId })
      .from(workOrders)
      .innerJoin(ratings, eq(ratings.id, workOrders.ratingId))
      .where(eq(workOrders.id, input.workOrderId));
    if (!wo?.applicantId || !applicantIds.includes(wo.applicantId))
      throw new DomainError("not_found", "找不到这张工单");
    const [first] = await tx.select().from(fixRatings).where(eq(fixRatings.workOrderId, wo.id));
    if (first) return { level: first.level, reopened: first.reopened, replay: true };
    if (wo.status !== "closed")
      throw new DomainError("conflict", "工单办结后才能评价整改结果", { reason: "not_closed" });
    const now = deps.clock.now();
    const reopened = input.level === "unsatisfied";
    await tx.insert(fixRatings).values({
      id: newId(now),
      workOrderId: wo.id,
      applicantId: wo.applicantId,
      level: input.level,
      reopened,
      createdAt: now,
    });
    if (reopened) {
      await setWorkOrderStatus(tx, wo.id, "open", now);
      await tx
        .update(workOrders)
        .set({ dueAt: await workOrderDueAt(tx, now), overdueAt: null })
        .where(eq(workOrders.id, wo.id));
      await enqueue(
        deps,
        tx,
        {
          channel: "hotline",
          dedupeKey: `reopened:${wo.id}`,
          payload: { type: "work_order.reopened", workOrderId: wo.id },
        },
        now,
      );
    }
    return { level: input.level, reopened, replay: false };
  });
}
