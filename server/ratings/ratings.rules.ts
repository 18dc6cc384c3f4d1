import type { CatalogueIndicator } from "../catalog/indicators.service";
import type { StoredScore } from "./scores";
import { isBad, type Level, OVERALL, SERVICE_INDICATORS } from "./vocabulary";

export interface Score {
  indicatorCode: string;
  level: Level;
  tagCodes: string[];
  text?: string | undefined;
}

export type StageKind = "receipt" | "completion";

/**
 * A stage takes a rating while it is open and its window (articles 17 and 18: cases.rules.ts
 * ratingWindowCloses) has not closed. The page offers, the screen shows and the submit accepts
 * by this one rule.
 */
export function isRateable(
  stage: { status: string; closesAt: number | null } | undefined,
  now: number,
): boolean {
  return stage?.status === "open" && stage.closesAt !== null && now < stage.closesAt;
}

/**
 * Article 17: a stage not rated when its window closes is rated 非常满意 on what it rates (the
 * receipt stage its service part, the completion stage 总体评价), marked `default`. The defaults
 * job writes it; the rating page shows it from the moment the window closes, before the job ran.
 */
export function defaultRating(stage: StageKind): {
  overallLevel: Level | null;
  bad: false;
  /** ratings.scores: the JSON the chain hashes, built here only */
  scores: string;
} {
  const codes: readonly string[] = stage === "receipt" ? SERVICE_INDICATORS : [OVERALL];
  const scores: StoredScore[] = codes.map((indicatorCode) => ({
    indicatorCode,
    level: "very_satisfied",
    tagCodes: [],
  }));
  return {
    overallLevel: stage === "completion" ? "very_satisfied" : null,
    bad: false,
    scores: JSON.stringify(scores),
  };
}

/**
 * SPEC §3: the receipt stage rates only the receiving window's service; completion rates the
 * overall and the business indicators, plus the service indicators when a staff member handled it.
 */
export function ratedIndicators(
  all: CatalogueIndicator[],
  stage: StageKind,
  hasStaff: boolean,
): CatalogueIndicator[] {
  if (stage === "receipt") return all.filter((i) => i.grp === "service");
  return all.filter((i) => i.grp !== "service" || hasStaff);
}

export type Problem =
  | {
      indicatorCode: string;
      problem:
        | "not_rated_here"
        | "duplicate"
        | "unknown_tag"
        | "tag_of_other_level"
        | "needs_reason"
        | "other_needs_text";
    }
  | { indicatorCode: string; problem: "required" };

/** Article 11 and the catalogue, checked on the server whatever the page did. */
export function scoreProblems(
  scores: Score[],
  allowed: CatalogueIndicator[],
  stage: StageKind,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const s of scores) {
    const ind = allowed.find((i) => i.code === s.indicatorCode);
    if (!ind) {
      problems.push({ indicatorCode: s.indicatorCode, problem: "not_rated_here" });
      continue;
    }
    if (seen.has(s.indicatorCode))
      problems.push({ indicatorCode: s.indicatorCode, problem: "duplicate" });
    seen.add(s.indicatorCode);
    const tags = s.tagCodes.map((code) => ind.tags.find((t) => t.code === code));
    if (tags.some((t) => !t))
      problems.push({ indicatorCode: s.indicatorCode, problem: "unknown_tag" });
    else if (tags.some((t) => t && t.level !== s.level))
      problems.push({ indicatorCode: s.indicatorCode, problem: "tag_of_other_level" });
    const text = s.text?.trim() ?? "";
    if (tags.some((t) => t?.needsText) && !text)
      problems.push({ indicatorCode: s.indicatorCode, problem: "other_needs_text" });
    if (isBad(s.level) && s.tagCodes.length === 0 && !text)
      problems.push({ indicatorCode: s.indicatorCode, problem: "needs_reason" });
  }
  if (stage === "completion" && !seen.has("overall"))
    problems.push({ indicatorCode: "overall", problem: "required" });
  if (stage === "receipt" && seen.size === 0)
    problems.push({ indicatorCode: "svc.attitude", problem: "required" });
  return problems;
}
