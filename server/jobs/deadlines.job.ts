import "server-only";

import { and, eq, isNull, lte, notInArray } from "drizzle-orm";

import { workOrders } from "@/db/schema";

import type { Deps } from "../deps";

/** Article 21: a work order not closed (nor ended `not_adopted` on appeal, article 22) by 24:00 of its 10th working day is flagged overdue. */
export async function flagOverdue(deps: Deps): Promise<number> {
  return deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const flagged = await tx
      .update(workOrders)
      .set({ overdueAt: now })
      .where(
        and(
          // done is 1 exactly when closed or not adopted: it lets the update read the desk's
          // index (done, due_at) instead of every order ever opened
          eq(workOrders.done, 0),
          notInArray(workOrders.status, ["closed", "not_adopted"]),
          lte(workOrders.dueAt, now),
          isNull(workOrders.overdueAt),
        ),
      )
      .returning({ id: workOrders.id });
    return flagged.length;
  });
}
