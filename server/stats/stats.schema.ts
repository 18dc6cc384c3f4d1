import { z } from "zod";

/** SPEC §6 `GET /api/v1/stats`: the query (Asia/Shanghai days, inclusive, at most 366 days). */
export const GROUP_BYS = ["org", "item", "window", "staff", "channel", "day"] as const;
export const MAX_DAYS = 366;

const ZDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "is not a real date",
  );

/** The query string's fields (the OpenAPI document lists these); ZStatsQuery adds the period checks. */
export const ZStatsQueryFields = z.object({
  from: ZDate,
  to: ZDate,
  groupBy: z.enum(GROUP_BYS),
  org: z.string().min(1).max(64).optional(),
  item: z.string().min(1).max(64).optional(),
  window: z.string().min(1).max(64).optional(),
});

export const ZStatsQuery = ZStatsQueryFields.superRefine((q, ctx) => {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
  else if (days > MAX_DAYS)
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `the period is ${days} days; at most ${MAX_DAYS}`,
    });
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

const ZLevels = z.object({
  very_satisfied: z.number(),
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  very_unsatisfied: z.number(),
});
const ZRate = z.number().min(0).max(1).nullable();

export const ZStatsRow = z
  .object({
    key: z.string(),
    name: z.string(),
    ratings: z.number().int(),
    active: z.number().int(),
    defaults: z.number().int(),
    notAdopted: z.number().int(),
    levels: ZLevels,
    average: z.number().nullable(),
    averageActive: z.number().nullable(),
    goodRate: ZRate,
    badRate: ZRate,
    activeRate: ZRate,
    workOrders: z.object({
      opened: z.number().int(),
      closed: z.number().int(),
      closedOnTime: z.number().int(),
      overdue: z.number().int(),
    }),
  })
  .meta({ id: "StatsRow" });
export type TStatsRow = z.infer<typeof ZStatsRow>;

export const ZStatsAnswer = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(GROUP_BYS),
    rows: z.array(ZStatsRow),
    totals: ZStatsRow,
  })
  .meta({ id: "StatsAnswer" });
export type TStatsAnswer = z.infer<typeof ZStatsAnswer>;
