import { z } from "zod";

export const ZPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM");
export const ZPublishInput = z.object({ period: ZPeriod });
/** No period: the latest month published. */
export const ZPublicQuery = z.object({ period: ZPeriod.optional() });

const ZRate = z.number().nullable();

/** One org's published figures (SPEC §6): no person, no staff, no free text. */
export const ZPublicRow = z
  .object({
    code: z.string(),
    name: z.string(),
    ratings: z.number().int(),
    active: z.number().int(),
    average: ZRate,
    averageActive: ZRate,
    goodRate: ZRate,
    badRate: ZRate,
    activeRate: ZRate,
    workOrders: z.object({
      opened: z.number().int(),
      closed: z.number().int(),
      closedOnTime: z.number().int(),
    }),
    /** fewer than 5 active ratings: the rates are withheld (样本不足) */
    suppressed: z.boolean(),
  })
  .meta({ id: "PublicResultRow" });
export type TPublicRow = z.infer<typeof ZPublicRow>;

export const ZPublicResults = z
  .object({
    period: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    hash: z.string(),
    rows: z.array(ZPublicRow),
    versions: z.array(
      z.object({ version: z.number().int(), publishedAt: z.string(), hash: z.string() }),
    ),
  })
  .meta({ id: "PublicResults" });
export type TPublicResults = z.infer<typeof ZPublicResults>;
