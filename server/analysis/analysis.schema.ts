import { z } from "zod";

import { SETTINGS } from "../settings/settings.service";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");
/** a URL's empty field means "no filter" */
const blank = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** The period of the analysis, Shanghai days inclusive; both optional (the last 30 days). They live in the page's URL. */
export const ZAnalysisQuery = z.object({ from: blank(day), to: blank(day) });
export type TAnalysisQuery = z.infer<typeof ZAnalysisQuery>;

export const ZThresholds = z.object({
  alertCount: SETTINGS["analysis.alertCount"].schema,
  alertDays: SETTINGS["analysis.alertDays"].schema,
});
export type TThresholds = z.infer<typeof ZThresholds>;

export const ZAlert = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  tagCode: z.string(),
  tagText: z.string(),
  count: z.number(),
  firstAt: z.number(),
  lastAt: z.number(),
});
export type TAlert = z.infer<typeof ZAlert>;

export const ZAnalysis = z.object({
  from: z.string(),
  to: z.string(),
  /** 差评 in the period and scope, and how many of them have a written reason */
  badCount: z.number(),
  reasonCount: z.number(),
  tags: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      indicator: z.string().nullable(),
      count: z.number(),
    }),
  ),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      badCount: z.number(),
      ratings: z.number(),
      share: z.number(),
    }),
  ),
  keywords: z.array(z.object({ word: z.string(), weight: z.number(), reasons: z.number() })),
  alerts: z.array(ZAlert),
  thresholds: ZThresholds,
});
export type TAnalysis = z.infer<typeof ZAnalysis>;
