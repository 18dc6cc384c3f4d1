import "server-only";

import { and, count, eq, gte, inArray, lt, type SQL } from "drizzle-orm";

import { cases, items, ratings, workOrders } from "@/db/schema";

import type { ActorCtx } from "../access/admin-ctx";
import type { ScopedCtx } from "../access/admin-ctx";
import { type Scope, scopeWhere } from "../access/scope";
import { activeCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { parseScores } from "../ratings/scores";
import { isBad } from "../ratings/vocabulary";
import { getSetting, setSetting } from "../settings/settings.service";
import { DAY, shanghaiDate, shanghaiMidnight } from "../time/shanghai";
import {
  type BadTag,
  type Concentration,
  concentrations,
  ranked,
  reasonTerms,
  tfidfKeywords,
} from "./analysis.rules";
import type { TAlert, TAnalysis, TAnalysisQuery, TThresholds } from "./analysis.schema";
import { cut } from "./segment";

const TOP = 20;
const MAX_DAYS = 366;

/** The 差评 of a span in a scope: each with its item, time, tags and reasons (of its bad indicators). */
interface BadRating {
  itemId: string | null;
  at: number;
  tagCodes: string[];
  texts: string[];
}

/**
 * A rating's org is its case's org (cases.org_id); a 12345 call rating has no case and so is
 * seen by the bureau alone. Every 差评 opened its work order in the same write, with the same
 * time, so the period is read on work_orders' created_at index rather than by scanning ratings.
 */
async function badRatings(
  deps: Deps,
  scope: Scope,
  start: number,
  end: number,
): Promise<BadRating[]> {
  const where: (SQL | undefined)[] = [
    gte(workOrders.createdAt, start),
    lt(workOrders.createdAt, end),
    eq(ratings.bad, true),
    scopeWhere(scope, cases.orgId),
  ];
  const rows = await deps.database.db
    .select({ itemId: cases.itemId, at: ratings.createdAt, scores: ratings.scores })
    .from(workOrders)
    .innerJoin(ratings, eq(ratings.id, workOrders.ratingId))
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .where(and(...where));
  return rows.map((r) => {
    const bad = parseScores(r.scores).filter((s) => isBad(s.level));
    return {
      itemId: r.itemId,
      at: r.at,
      tagCodes: [...new Set(bad.flatMap((s) => s.tagCodes))],
      texts: bad.map((s) => s.text?.trim() ?? "").filter(Boolean),
    };
  });
}

const badTags = (rows: BadRating[]): BadTag[] =>
  rows.flatMap((r) => r.tagCodes.map((tagCode) => ({ itemId: r.itemId, tagCode, at: r.at })));

export async function thresholds(deps: Deps): Promise<TThresholds> {
  return {
    alertCount: await getSetting(deps, "analysis.alertCount"),
    alertDays: await getSetting(deps, "analysis.alertDays"),
  };
}

/** Bureau only (the router says so): both thresholds, each change audited by setSetting. */
export async function setThresholds(
  { deps, actor }: ActorCtx,
  t: TThresholds,
): Promise<TThresholds> {
  return {
    alertCount: await setSetting(deps, actor, "analysis.alertCount", t.alertCount),
    alertDays: await setSetting(deps, actor, "analysis.alertDays", t.alertDays),
  };
}

/** Tag texts from the active catalogue; a tag of an older version shows its code. */
async function tagTexts(deps: Deps): Promise<Map<string, { text: string; indicator: string }>> {
  const catalogue = await activeCatalogue(deps.database.db);
  return new Map(
    catalogue.indicators.flatMap((i) =>
      i.tags.map((t) => [t.code, { text: t.text, indicator: i.name }] as const),
    ),
  );
}

async function itemNames(
  deps: Deps,
  ids: string[],
): Promise<Map<string, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.database.db
    .select({ id: items.id, code: items.code, name: items.name })
    .from(items)
    .where(inArray(items.id, ids));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}

async function describe(deps: Deps, found: Concentration[]): Promise<TAlert[]> {
  const [names, texts] = await Promise.all([
    itemNames(deps, [...new Set(found.map((c) => c.itemId))]),
    tagTexts(deps),
  ]);
  return found.map((c) => ({
    itemCode: names.get(c.itemId)?.code ?? "",
    itemName: names.get(c.itemId)?.name ?? "",
    tagCode: c.tagCode,
    tagText: texts.get(c.tagCode)?.text ?? c.tagCode,
    count: c.count,
    firstAt: c.firstAt,
    lastAt: c.lastAt,
  }));
}

/**
 * The 意见较集中 alerts of a scope now (the /admin overview): the items whose 差评 share a tag
 * `alertCount` or more times in the last `alertDays` days.
 */
export async function alertsFor({ deps, scope }: ScopedCtx): Promise<TAlert[]> {
  const t = await thresholds(deps);
  const now = deps.clock.now();
  const rows = await badRatings(deps, scope, now - t.alertDays * DAY, now + 1);
  return describe(deps, concentrations(badTags(rows), { count: t.alertCount, days: t.alertDays }));
}

/** The period in Shanghai days: both given, or the last 30 days to today. */
function period(
  q: TAnalysisQuery,
  now: number,
): { from: string; to: string; start: number; end: number } {
  const to = q.to ?? shanghaiDate(now);
  const from = q.from ?? shanghaiDate(shanghaiMidnight(to) - 29 * DAY);
  const start = shanghaiMidnight(from);
  const end = shanghaiMidnight(to) + DAY;
  if (!(start < end))
    throw new DomainError("invalid", "开始日期不能晚于结束日期", { field: "from" });
  if (end - start > MAX_DAYS * DAY)
    throw new DomainError("invalid", `统计期最长 ${MAX_DAYS} 天`, { field: "from" });
  return { from, to, start, end };
}

/**
 * Concentrated complaints of a scope and period (article 21 ¶2, SPEC §9): the bad tags and the
 * items ranked, each item's share of its own ratings, TF-IDF keywords of the written reasons
 * (numbers masked, stop words removed; one reason = one document, the IDF over this period's
 * reasons in this scope) and the 意见较集中 alerts found in the period.
 */
export async function analyze({ deps, scope }: ScopedCtx, q: TAnalysisQuery): Promise<TAnalysis> {
  const p = period(q, deps.clock.now());
  const [rows, t, texts] = await Promise.all([
    badRatings(deps, scope, p.start, p.end),
    thresholds(deps),
    tagTexts(deps),
  ]);

  const tags = ranked(rows.flatMap((r) => r.tagCodes))
    .slice(0, TOP)
    .map(({ key, count }) => ({
      code: key,
      text: texts.get(key)?.text ?? key,
      indicator: texts.get(key)?.indicator ?? null,
      count,
    }));

  const topItems = ranked(rows.flatMap((r) => (r.itemId ? [r.itemId] : []))).slice(0, TOP);
  const ids = topItems.map((i) => i.key);
  const [names, totals] = await Promise.all([
    itemNames(deps, ids),
    ratingsPerItem(deps, scope, ids, p.start, p.end),
  ]);
  const itemRows = topItems.map(({ key, count }) => {
    const all = Math.max(totals.get(key) ?? 0, count);
    return {
      code: names.get(key)?.code ?? "",
      name: names.get(key)?.name ?? "",
      badCount: count,
      ratings: all,
      share: Math.round((count / all) * 1000) / 1000,
    };
  });

  const reasons = rows.flatMap((r) => r.texts);
  const keywords = tfidfKeywords(
    reasons.map((text) => reasonTerms(text, cut)),
    TOP,
  );
  const alerts = await describe(
    deps,
    concentrations(badTags(rows), { count: t.alertCount, days: t.alertDays }),
  );
  return {
    from: p.from,
    to: p.to,
    badCount: rows.length,
    reasonCount: reasons.length,
    tags,
    items: itemRows,
    keywords,
    alerts,
    thresholds: t,
  };
}

/** All ratings (good and bad) of these items in the period and scope: the denominator of each item's 差评 share. */
async function ratingsPerItem(
  deps: Deps,
  scope: Scope,
  itemIds: string[],
  start: number,
  end: number,
): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await deps.database.db
    .select({ itemId: cases.itemId, n: count() })
    .from(ratings)
    .innerJoin(cases, eq(cases.id, ratings.caseId))
    .where(
      and(
        inArray(cases.itemId, itemIds),
        gte(ratings.createdAt, start),
        lt(ratings.createdAt, end),
        scopeWhere(scope, cases.orgId),
      ),
    )
    .groupBy(cases.itemId);
  return new Map(rows.map((r) => [r.itemId, r.n]));
}
