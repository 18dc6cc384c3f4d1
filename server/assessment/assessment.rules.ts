import { z } from "zod";

/**
 * Article 24, pure: a year's rules (bureau-edited) — weights of the average score, the on-time
 * closing rate and the revisit rate (summing to 1), and the points taken off per confirmed (属实) 差评.
 */
const weight = (label: string) =>
  z
    .number({ error: `${label}必须是一个数` })
    .min(0, `${label}不能小于 0`)
    .max(1, `${label}不能大于 1`);

/** What each field is called on the page: a refusal names it (SPEC §9, messages name the thing and the reason). */
export const RULE_LABELS = {
  average: "平均分权重",
  onTime: "按时办结率权重",
  revisit: "回访率权重",
  deduction: "每条属实差评扣分",
} as const;

export const ZAssessmentRules = z
  .object({
    weights: z.object({
      average: weight(RULE_LABELS.average),
      onTime: weight(RULE_LABELS.onTime),
      revisit: weight(RULE_LABELS.revisit),
    }),
    deduction: z
      .number({ error: `${RULE_LABELS.deduction}必须是一个数` })
      .min(0, `${RULE_LABELS.deduction}不能小于 0`)
      .max(100, `${RULE_LABELS.deduction}不能大于 100`),
  })
  .superRefine((r, ctx) => {
    const sum = r.weights.average + r.weights.onTime + r.weights.revisit;
    if (Math.abs(sum - 1) >= 1e-6)
      ctx.addIssue({
        code: "custom",
        path: ["weights"],
        message: `三项权重之和必须等于 1，现在是 ${Math.round(sum * 1000) / 1000}`,
      });
  });
export type TAssessmentRules = z.infer<typeof ZAssessmentRules>;

export const DEFAULT_RULES: TAssessmentRules = {
  weights: { average: 0.6, onTime: 0.3, revisit: 0.1 },
  deduction: 1,
};

export interface AssessmentFacts {
  /** mean score 0–10 of the period's ratings (null: none) */
  average: number | null;
  opened: number;
  closedOnTime: number;
  revisited: number;
  confirmedBad: number;
}

/**
 * The score out of 100: weighted average score (as a share of 10), on-time closing rate and
 * revisit rate — a rate with no work orders counts as fully met — less the deduction per
 * confirmed 差评; never below 0. Two decimals.
 */
export function assessmentScore(rules: TAssessmentRules, f: AssessmentFacts): number {
  const avg = (f.average ?? 10) / 10;
  const onTime = f.opened ? f.closedOnTime / f.opened : 1;
  const revisit = f.opened ? f.revisited / f.opened : 1;
  const raw =
    100 *
      (rules.weights.average * avg +
        rules.weights.onTime * onTime +
        rules.weights.revisit * revisit) -
    rules.deduction * f.confirmedBad;
  return Math.max(0, Math.round(raw * 100) / 100);
}

/** A year, or one of its quarters, as a period of days. */
export function assessmentPeriod(
  year: number,
  quarter?: 1 | 2 | 3 | 4,
): { from: string; to: string } {
  if (!quarter) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const first = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return {
    from: `${year}-${String(first).padStart(2, "0")}-01`,
    to: `${year}-${String(first + 2).padStart(2, "0")}-${lastDay}`,
  };
}

/** 2026年第一季度单位考核结果 — the export's file name and the page's heading. */
export function assessmentTitle(q: {
  year: number;
  quarter?: 1 | 2 | 3 | 4;
  by: "org" | "staff";
}): string {
  return `${q.year}年${q.quarter ? `第${"一二三四"[q.quarter - 1]}季度` : "度"}${q.by === "org" ? "单位" : "人员"}考核结果`;
}
