import "server-only";

import { and, count, eq, gte, inArray, lt, sql } from "drizzle-orm";

import { cases, indicatorTags, orgs, ratings, superviseNotices, workOrders } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { ScopedCtx } from "../access/admin-ctx";
import { parseScores } from "../ratings/scores";
import { badCount, isBad } from "../ratings/vocabulary";
import type { TStatsRow } from "../stats/stats.schema";
import { statsFor } from "../stats/stats.service";
import { DAY, shanghaiMidnight } from "../time/shanghai";
import type { WorkOrderStatus } from "../workorders/workorders.rules";
import {
  type AppealsDecided,
  appealsDecidedIn,
  reopenedIn,
  type ReopenedOrder,
} from "./report.followups";

/**
 * Article 23 通报 of a period (SPEC §9): the units ranked, the items and tags with the most 差评,
 * the overdue work orders, the reopened ones and the appeals decided. The figures come from the
 * same stats service as the dashboards and the API, so they agree everywhere.
 */
export interface Report {
  from: string;
  to: string;
  /** when the 通报 was made: the overdue list is as of this moment */
  generatedAt: number;
  /** the whole scope's figures (12345 included), as on /admin/stats */
  totals: TStatsRow;
  /** ranked; `supervised` counts the 督办 the bureau sent the unit in the period (SPEC §9) */
  units: (TStatsRow & { rank: number; supervised: number })[];
  badItems: { code: string; name: string; bad: number; ratings: number }[];
  badTags: { code: string; text: string; count: number }[];
  overdue: {
    id: string;
    serialNo: string | null;
    org: string;
    dueAt: number;
    status: WorkOrderStatus;
  }[];
  /** reopened in the period by the rater's 不满意 with the fix */
  reopened: ReopenedOrder[];
  /** appeals decided in the period (article 22): 采纳 / 驳回 */
  appealsDecided: AppealsDecided;
}

const bad = (r: TStatsRow) => badCount(r.levels);

/** Units ranked by average score (then 好评率, then more ratings); a unit without ratings last. */
export function rankUnits(rows: TStatsRow[]): (TStatsRow & { rank: number })[] {
  const key = (r: TStatsRow) => [r.average ?? -1, r.goodRate ?? -1, r.ratings];
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
    return a.key < b.key ? -1 : 1;
  });
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}

/** 督办 sent in the period, per unit: a notice to an org below a unit counts for the nearest unit above it. */
async function withSupervised<U extends { key: string }>(
  db: Reader,
  units: U[],
  from: number,
  to: number,
): Promise<(U & { supervised: number })[]> {
  const notices = await db
    .select({ orgId: superviseNotices.orgId, n: count() })
    .from(superviseNotices)
    .where(and(gte(superviseNotices.createdAt, from), lt(superviseNotices.createdAt, to)))
    .groupBy(superviseNotices.orgId);
  const tree = new Map(
    (await db.select({ id: orgs.id, code: orgs.code, parentId: orgs.parentId }).from(orgs)).map(
      (o) => [o.id, o],
    ),
  );
  const keys = new Set(units.map((u) => u.key));
  const byUnit = new Map<string, number>();
  for (const { orgId, n } of notices) {
    let at = orgId ? tree.get(orgId) : undefined;
    for (let depth = 0; at && !keys.has(at.code) && depth < 8; depth++)
      at = at.parentId ? tree.get(at.parentId) : undefined;
    if (at) byUnit.set(at.code, (byUnit.get(at.code) ?? 0) + n);
  }
  return units.map((u) => ({ ...u, supervised: byUnit.get(u.key) ?? 0 }));
}

export async function reportFor(
  { deps, scope }: ScopedCtx,
  period: { from: string; to: string },
): Promise<Report> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const [byOrg, byItem] = await Promise.all([
    statsFor({ deps, scope }, { ...period, groupBy: "org" }),
    statsFor({ deps, scope }, { ...period, groupBy: "item" }),
  ]);
  const inScope = (col: typeof workOrders.orgId) =>
    scope.all ? undefined : inArray(col, scope.orgIds.length ? scope.orgIds : ["-"]);
  const from = shanghaiMidnight(period.from);
  const to = shanghaiMidnight(period.to) + DAY;

  // the tags of the period's 差评: every bad rating opened a work order, found by its (created_at) index
  const badScores = await db
    .select({ scores: ratings.scores })
    .from(workOrders)
    .innerJoin(ratings, eq(ratings.id, workOrders.ratingId))
    .where(
      and(gte(workOrders.createdAt, from), lt(workOrders.createdAt, to), inScope(workOrders.orgId)),
    );
  const tagCounts = new Map<string, number>();
  for (const { scores } of badScores) {
    for (const s of parseScores(scores)) {
      if (!isBad(s.level)) continue;
      for (const code of s.tagCodes) tagCounts.set(code, (tagCounts.get(code) ?? 0) + 1);
    }
  }
  const tagTexts = tagCounts.size
    ? new Map(
        (
          await db
            .selectDistinct({ code: indicatorTags.code, text: indicatorTags.text })
            .from(indicatorTags)
            .where(inArray(indicatorTags.code, [...tagCounts.keys()]))
        ).map((t) => [t.code, t.text]),
      )
    : new Map<string, string>();

  const overdue = await db
    .select({
      id: workOrders.id,
      serialNo: cases.serialNo,
      org: sql<string>`coalesce(${orgs.name}, '12345 热线')`,
      dueAt: workOrders.dueAt,
      status: workOrders.status,
    })
    .from(workOrders)
    .leftJoin(cases, eq(cases.id, workOrders.caseId))
    .leftJoin(orgs, eq(orgs.id, workOrders.orgId))
    .where(and(eq(workOrders.done, 0), lt(workOrders.dueAt, now), inScope(workOrders.orgId)))
    .orderBy(workOrders.dueAt)
    .limit(200);

  return {
    ...period,
    generatedAt: now,
    totals: byOrg.totals,
    units: await withSupervised(
      db,
      rankUnits(byOrg.rows.filter((r) => r.key !== "12345")),
      from,
      to,
    ),
    badItems: byItem.rows
      .filter((r) => bad(r) > 0)
      .map((r) => ({ code: r.key, name: r.name, bad: bad(r), ratings: r.ratings }))
      .sort((a, b) => b.bad - a.bad || (a.code < b.code ? -1 : 1))
      .slice(0, 10),
    badTags: [...tagCounts]
      .map(([code, count]) => ({ code, text: tagTexts.get(code) ?? code, count }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1))
      .slice(0, 10),
    overdue,
    reopened: await reopenedIn(db, scope, from, to),
    appealsDecided: await appealsDecidedIn(db, scope, from, to),
  };
}
