import "server-only";

import { sql } from "drizzle-orm";

import type { ActorCtx } from "../access/admin-ctx";
import type { ScopedCtx } from "../access/admin-ctx";
import type { Deps } from "../deps";
import { getSetting, setSetting } from "../settings/settings.service";
import { statsFor } from "../stats/stats.service";
import { DAY, shanghaiMidnight } from "../time/shanghai";
import {
  assessmentPeriod,
  assessmentScore,
  DEFAULT_RULES,
  type TAssessmentRules,
} from "./assessment.rules";

export async function rulesOf(deps: Deps, year: number): Promise<TAssessmentRules> {
  return (await getSetting(deps, "assessment.rules"))[String(year)] ?? DEFAULT_RULES;
}

/** The bureau edits a year's rules (audited as a change of settings). */
export async function setRules(
  { deps, actor }: ActorCtx,
  { year, rules }: { year: number; rules: TAssessmentRules },
): Promise<TAssessmentRules> {
  const all = await getSetting(deps, "assessment.rules");
  const next = await setSetting(deps, actor, "assessment.rules", { ...all, [String(year)]: rules });
  return next[String(year)]!;
}

export interface AssessmentRow {
  rank: number;
  key: string;
  name: string;
  score: number;
  average: number | null;
  ratings: number;
  opened: number;
  closedOnTime: number;
  revisited: number;
  confirmedBad: number;
}

/**
 * Article 24: results per unit (org) or per staff for a year or quarter, ranked. Ratings figures
 * come from the stats service (by staff only the service part counts, as everywhere); revisits
 * and confirmed 差评 from the period's work orders (a 12345 result or a desk record).
 */
export async function assessmentFor(
  { deps, scope }: ScopedCtx,
  q: { year: number; quarter?: 1 | 2 | 3 | 4; by: "org" | "staff" },
): Promise<{ rules: TAssessmentRules; rows: AssessmentRow[] }> {
  const rules = await rulesOf(deps, q.year);
  const period = assessmentPeriod(q.year, q.quarter);
  const figures = await statsFor({ deps, scope }, { ...period, groupBy: q.by });
  const key = q.by === "org" ? sql`coalesce(o.code, '12345')` : sql`coalesce(s.staff_no, '-')`;
  const inScope = scope.all
    ? sql``
    : sql` and wo.org_id in (${sql.join(scope.orgIds.length ? scope.orgIds.map((id) => sql`${id}`) : [sql`'-'`], sql`, `)})`;
  const extra = await deps.database.db.all<{ k: string; revisited: number; confirmed: number }>(sql`
    select ${key} as k,
      sum(wo.status <> 'open') as revisited,
      sum(exists (select 1 from work_order_results x where x.work_order_id = wo.id and x.verified = 1)
        or exists (select 1 from work_order_records y where y.work_order_id = wo.id and y.verified = 1)) as confirmed
    from work_orders wo join ratings r on r.id = wo.rating_id
      left join orgs o on o.id = wo.org_id left join staff s on s.id = r.staff_id
    where wo.created_at >= ${shanghaiMidnight(period.from)} and wo.created_at < ${shanghaiMidnight(period.to) + DAY}${inScope}
    group by k`);
  const byKey = new Map(extra.map((e) => [e.k, e]));
  const rows = figures.rows
    .filter((r) => r.key !== "12345" && r.key !== "-")
    .map((r) => {
      const e = byKey.get(r.key);
      const facts = {
        average: r.average,
        opened: r.workOrders.opened,
        closedOnTime: r.workOrders.closedOnTime,
        revisited: Number(e?.revisited ?? 0),
        confirmedBad: Number(e?.confirmed ?? 0),
      };
      return {
        rank: 0,
        key: r.key,
        name: r.name,
        score: assessmentScore(rules, facts),
        ratings: r.ratings,
        ...facts,
      };
    })
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .map((r, i) => ({ ...r, rank: i + 1 }));
  return { rules, rows };
}
