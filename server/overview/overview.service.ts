import "server-only";

import { and, count, eq, gte, lte, sql } from "drizzle-orm";

import { cases, ratings, workOrders } from "@/db/schema";

import type { ScopedCtx } from "../access/admin-ctx";
import { type Scope, scopeWhere } from "../access/scope";
import type { Deps } from "../deps";
import { shanghaiDate, shanghaiDayStart, shanghaiMidnight } from "../time/shanghai";

/** Ratings and 差评 made since `from` in the scope (a rating's org is its case's; 12345 calls have none: the bureau's). */
async function ratingCounts(deps: Deps, scope: Scope, from: number) {
  const [row] = await deps.database.db
    .select({ ratings: count(), bad: sql<number>`coalesce(sum(${ratings.bad}), 0)` })
    .from(ratings)
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .where(and(gte(ratings.createdAt, from), scopeWhere(scope, cases.orgId)));
  return { ratings: row?.ratings ?? 0, bad: Number(row?.bad ?? 0) };
}

/** The /admin overview of one scope: today's and this month's figures, open and overdue work orders. */
export async function overview({ deps, scope }: ScopedCtx) {
  const now = deps.clock.now();
  const today = shanghaiDayStart(now);
  const month = shanghaiMidnight(`${shanghaiDate(now).slice(0, 7)}-01`);
  const open = and(eq(workOrders.done, 0), scopeWhere(scope, workOrders.orgId));
  const [[openRow], [overdueRow], day, monthCounts] = await Promise.all([
    deps.database.db.select({ n: count() }).from(workOrders).where(open),
    deps.database.db
      .select({ n: count() })
      .from(workOrders)
      .where(and(open, lte(workOrders.dueAt, now))),
    ratingCounts(deps, scope, today),
    ratingCounts(deps, scope, month),
  ]);
  return {
    today: day,
    month: monthCounts,
    openWorkOrders: openRow?.n ?? 0,
    overdueWorkOrders: overdueRow?.n ?? 0,
  };
}
