import "server-only";

import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";

import { appealDecisions, cases, fixRatings, orgs, workOrders } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { Scope } from "../access/scope";
import type { WorkOrderStatus } from "../workorders/workorders.rules";

export interface ReopenedOrder {
  id: string;
  serialNo: string | null;
  org: string;
  reopenedAt: number;
  dueAt: number;
  status: WorkOrderStatus;
}

export interface AppealsDecided {
  adopted: number;
  rejected: number;
}

const scoped = (scope: Scope, col: typeof workOrders.orgId | typeof appealDecisions.orgId) =>
  scope.all ? undefined : inArray(col, scope.orgIds.length ? scope.orgIds : ["-"]);

/**
 * The 通报's follow-ups of a period [from, to) in ms: the work orders the rater reopened by rating
 * the fix 不满意 (indexed by reopened and time) and the appeals the bureau decided (indexed by
 * outcome and time). No rater, no free text: ids, org, dates, status.
 */
export async function reopenedIn(
  db: Reader,
  scope: Scope,
  from: number,
  to: number,
): Promise<ReopenedOrder[]> {
  return db
    .select({
      id: workOrders.id,
      serialNo: cases.serialNo,
      org: sql<string>`coalesce(${orgs.name}, '12345 热线')`,
      reopenedAt: fixRatings.createdAt,
      dueAt: workOrders.dueAt,
      status: workOrders.status,
    })
    .from(fixRatings)
    .innerJoin(workOrders, eq(workOrders.id, fixRatings.workOrderId))
    .leftJoin(cases, eq(cases.id, workOrders.caseId))
    .leftJoin(orgs, eq(orgs.id, workOrders.orgId))
    .where(
      and(
        eq(fixRatings.reopened, true),
        gte(fixRatings.createdAt, from),
        lt(fixRatings.createdAt, to),
        scoped(scope, workOrders.orgId),
      ),
    )
    .orderBy(fixRatings.createdAt)
    .limit(200);
}

export async function appealsDecidedIn(
  db: Reader,
  scope: Scope,
  from: number,
  to: number,
): Promise<AppealsDecided> {
  const rows = await db
    .select({ outcome: appealDecisions.outcome, n: sql<number>`count(*)` })
    .from(appealDecisions)
    .where(
      and(
        inArray(appealDecisions.outcome, ["adopted", "rejected"]),
        gte(appealDecisions.decidedAt, from),
        lt(appealDecisions.decidedAt, to),
        scoped(scope, appealDecisions.orgId),
      ),
    )
    .groupBy(appealDecisions.outcome);
  const count = (o: string) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
  return { adopted: count("adopted"), rejected: count("rejected") };
}
