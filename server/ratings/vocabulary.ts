/**
 * The rating vocabulary of the city's rules, said once: the levels, what a 差评 is, a rating's
 * level, the service part. Pages (client components too), services, jobs, scripts and db/schema's
 * enums import it. Client-safe and dependency-free on purpose: no `server-only`, no db, no zod
 * (the rating page bundles it; `ratings.scores` is read by ./scores.ts).
 */

/** Article 10: the five levels, best first (a tag belongs to one, a rating chooses one). */
export const LEVELS = [
  "very_satisfied",
  "satisfied",
  "basic",
  "unsatisfied",
  "very_unsatisfied",
] as const;
export type Level = (typeof LEVELS)[number];

/** Article 10: scored 10 / 8 / 6 / 3 / 0. */
export const LEVEL_SCORE: Record<Level, number> = {
  very_satisfied: 10,
  satisfied: 8,
  basic: 6,
  unsatisfied: 3,
  very_unsatisfied: 0,
};

/**
 * Articles 6, 7 and 11: a 差评 is 不满意 or 非常不满意 — it needs a tag or a reason, is verified,
 * and opens a work order (好评 = the first three levels).
 */
export const isBad = (level: Level | null | undefined): boolean =>
  level === "unsatisfied" || level === "very_unsatisfied";

/** How many 差评 among counts by level (statistics, reports). */
export const badCount = (byLevel: Record<Level, number>): number =>
  LEVELS.reduce((n, l) => (isBad(l) ? n + byLevel[l] : n), 0);

/** The worst of the levels (the rules' order runs best to worst); null for none. */
export function lowestLevel(levels: readonly Level[]): Level | null {
  let worst = -1;
  for (const l of levels) worst = Math.max(worst, LEVELS.indexOf(l));
  return worst < 0 ? null : LEVELS[worst]!;
}

/** SPEC §9: a rating's level is its 总体评价, else the lowest level it gave (a receipt stage, a 12345 call). */
export function ratingLevel(
  overall: Level | null,
  scores: readonly { level: Level }[],
): Level | null {
  return overall ?? lowestLevel(scores.map((s) => s.level));
}

/** The indicator every completion stage rates (总体评价). */
export const OVERALL = "overall";

/**
 * SPEC §3: the service part of a rating — the staff table's indicators (服务态度, 服务能力), the ones
 * a receipt stage and a 12345 call rate, the only ones article 22 lets an org appeal.
 */
export const SERVICE_INDICATORS = ["svc.attitude", "svc.ability"] as const;
export type ServiceIndicator = (typeof SERVICE_INDICATORS)[number];
export const isServiceIndicator = (code: string): code is ServiceIndicator =>
  (SERVICE_INDICATORS as readonly string[]).includes(code);

/** The service part's level: the lowest of 服务态度 and 服务能力; null when it rated no service. */
export function serviceLevel(
  scores: readonly { indicatorCode: string; level: Level }[],
): Level | null {
  return lowestLevel(scores.filter((s) => isServiceIndicator(s.indicatorCode)).map((s) => s.level));
}

/**
 * The names of the indicators the rules themselves name, for a page that has a code and not the
 * catalogue (the catalogue's own names win where it is at hand); any other code shows as itself.
 */
const INDICATOR_NAME = new Map<string, string>([
  [OVERALL, "总体评价"],
  ["svc.attitude", "服务态度"],
  ["svc.ability", "服务能力"],
]);
export const indicatorName = (code: string): string => INDICATOR_NAME.get(code) ?? code;

/** 评价整改结果 (SPEC §9): a closed work order's fix is rated with three of the levels; 不满意 reopens it. */
export const FIX_LEVELS = ["satisfied", "basic", "unsatisfied"] as const satisfies readonly Level[];
export type FixLevel = (typeof FIX_LEVELS)[number];
