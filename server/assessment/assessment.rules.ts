import { z } from "zod";

/**
 * Article 24, pure: a year's rules (bureau-edited) — weights of the average score, the on-time
 * closing rate and the revisit rate (summing to 1), and the points taken off per confirmed (属实) 差评.
 */
export const ZAssessmentRules = z
  .object({
    weights: z.object({ average: z.number().min(0).max(1), onTime: z.number().min(0).max(1), revisit: z.number().min(0).max(1) }),
    deduction: z.number().min(0).max(100),
  })
  .refine((r) => Math.abs(r.weights.average + r.weights.onTime + r.weights.revisit - 1) < 1e-6, "权重之和必须等于 1");
export type TAssessmentRules = z.infer<typeof ZAssessmentRules>;

export const DEFAULT_RULES: TAssessmentRules = { weights: { average: 0.6, onTime: 0.3, revisit: 0.1 }, deduction: 1 };

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
  const raw = 100 * (rules.weights.average * avg + rules.weights.onTime * onTime + rules.weights.revisit * revisit) - rules.deduction * f.confirmedBad;
  return Math.max(0, Math.round(raw * 100) / 100);
}

/** A year, or one of its quarters, as a period of days. */
export function assessmentPeriod(year: number, quarter?: 1 | 2 | 3 | 4): { from: string; to: string } {
  if (!quarter) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const first = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return { from: `${year}-${String(first).padStart(2, "0")}-01`, to: `${year}-${String(first + 2).padStart(2, "0")}-${lastDay}` };
}
