import { z } from "zod";

const ZIndicatorTexts = z.object({ name: z.string(), dimension: z.string().nullable() });
const ZTagTexts = z.object({ text: z.string() });
const translations = <T extends z.ZodType>(texts: T) =>
  z.object({ "zh-TW": texts, en: texts }).meta({
    description:
      "繁體中文 (Hong Kong forms) and English; the Chinese where a translation is missing",
  });

export const ZIndicatorCatalogue = z
  .object({
    version: z.number().int(),
    indicators: z.array(
      z.object({
        code: z.string(),
        grp: z.enum(["overall", "business", "service"]),
        dimension: z.string().nullable(),
        name: z.string(),
        i18n: translations(ZIndicatorTexts),
        tags: z.array(
          z.object({
            code: z.string(),
            level: z.enum([
              "very_satisfied",
              "satisfied",
              "basic",
              "unsatisfied",
              "very_unsatisfied",
            ]),
            text: z.string(),
            needsText: z.boolean(),
            i18n: translations(ZTagTexts),
          }),
        ),
      }),
    ),
  })
  .meta({
    id: "IndicatorCatalogue",
    description:
      "The active indicator catalogue (its version, stable codes, the rules' Chinese) with its translations",
  });

export const ZCatalog = z
  .object({
    orgs: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.enum(["city", "town", "village"]),
        kind: z.enum(["government", "department", "hall"]),
        parentCode: z.string().nullable(),
      }),
    ),
    windows: z.array(z.object({ code: z.string(), name: z.string(), orgCode: z.string() })),
    staff: z.array(
      z.object({
        staffNo: z.string(),
        name: z.string(),
        orgCode: z.string(),
        windowCode: z.string().nullable(),
      }),
    ),
    terminals: z.array(z.object({ code: z.string(), name: z.string(), orgCode: z.string() })),
    items: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        orgCode: z.string(),
        needsCertificate: z.boolean(),
      }),
    ),
    indicatorCatalogue: ZIndicatorCatalogue,
  })
  .meta({ id: "Catalog" });
export type TCatalog = z.infer<typeof ZCatalog>;
