import "server-only";

import { and, gte, lt, sql } from "drizzle-orm";

import { ratings } from "@/db/schema";

import type { Deps } from "../deps";
import { badCount, type Level, LEVELS } from "../ratings/vocabulary";

export interface LevelCounts {
  total: number;
  byLevel: Record<Level, number>;
  /** 差评 = 不满意 + 非常不满意 */
  bad: number;
  /** 主动评价率: ratings people made themselves, of all ratings in the period */
  activeRate: number;
}

/**
 * A direct recount of a period's levels from the ratings themselves, never from the rollups: what
 * tests use to prove an act (an appeal, a feedback, an erasure) left the figures alone. Default
 * ratings (article 17) are counted with or without, as every figure is.
 */
export async function levelCounts(
  deps: Deps,
  period: { from: number; to: number },
  opts: { includeDefaults: boolean },
): Promise<LevelCounts> {
  const inPeriod = and(gte(ratings.createdAt, period.from), lt(ratings.createdAt, period.to));
  // the level a rating counts with: the overall, or for a service-only rating its first indicator
  const level = sql<string>`coalesce(${ratings.overallLevel}, json_extract(${ratings.scores}, '$[0].level'))`;
  const rows = await deps.database.db
    .select({ level, source: ratings.source, n: sql<number>`count(*)` })
    .from(ratings)
    .where(inPeriod)
    .groupBy(level, ratings.source);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as LevelCounts["byLevel"];
  let total = 0;
  let all = 0;
  let active = 0;
  for (const r of rows) {
    all += r.n;
    if (r.source !== "default") active += r.n;
    else if (!opts.includeDefaults) continue;
    if (r.level in byLevel) byLevel[r.level as keyof typeof byLevel] += r.n;
    total += r.n;
  }
  return {
    total,
    byLevel,
    bad: badCount(byLevel),
    activeRate: all > 0 ? active / all : 0,
  };
}
