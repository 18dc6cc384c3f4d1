import { z } from "zod";

/** Article 24's query: a year (or one of its quarters), by unit or by staff member. */
export const ZYear = z
  .number({ error: "年份必须是一个数" })
  .int("年份必须是整数")
  .min(2020, "年份不能早于 2020 年")
  .max(2100, "年份不能晚于 2100 年");
export const ZQuarter = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: "季度只能是 1、2、3、4",
});
export const ASSESSMENT_BYS = ["org", "staff"] as const;
export const ZAssessmentQuery = z.object({
  year: ZYear,
  quarter: ZQuarter.optional(),
  by: z.enum(ASSESSMENT_BYS, { error: "考核对象只能是单位（org）或人员（staff）" }),
});
export type TAssessmentQuery = z.infer<typeof ZAssessmentQuery>;

/** The same query as a URL's strings (the page and its export): `?year=2026&quarter=1&by=staff`. */
export const ZAssessmentParams = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "年份应写成四位数字，如 2026")
    .transform(Number)
    .pipe(ZYear),
  quarter: z
    .enum(["1", "2", "3", "4"], { error: "季度只能是 1、2、3、4" })
    .transform((q) => Number(q) as 1 | 2 | 3 | 4)
    .optional(),
  by: z.enum(ASSESSMENT_BYS, { error: "考核对象只能是单位（org）或人员（staff）" }).default("org"),
});
