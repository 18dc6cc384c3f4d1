import "server-only";

import { asc, eq } from "drizzle-orm";

import { catalogVersions, indicators, indicatorTags } from "@/db/schema";
import type { Reader } from "@/db/types";

import { scopedTtlCache } from "../cache";
import { DomainError } from "../errors";
import type { Level } from "../ratings/vocabulary";
import { type Locale, LOCALES } from "./locale";

export interface CatalogueTag {
  code: string;
  level: Level;
  text: string;
  needsText: boolean;
}
export interface CatalogueIndicator {
  code: string;
  grp: "overall" | "business" | "service";
  dimension: string | null;
  name: string;
  tags: CatalogueTag[];
}
export interface Catalogue {
  version: number;
  indicators: CatalogueIndicator[];
}

/** The languages stored beside the Chinese original. */
export type TranslatedLocale = Exclude<Locale, "zh-CN">;
export interface TranslatedTag extends CatalogueTag {
  i18n: Record<TranslatedLocale, Pick<CatalogueTag, "text">>;
}
export interface TranslatedIndicator extends Omit<CatalogueIndicator, "tags"> {
  i18n: Record<TranslatedLocale, Pick<CatalogueIndicator, "name" | "dimension">>;
  tags: TranslatedTag[];
}
export interface TranslatedCatalogue {
  version: number;
  indicators: TranslatedIndicator[];
}

interface Loaded {
  translated: TranslatedCatalogue;
  byLocale: Record<Locale, Catalogue>;
}

const cache = scopedTtlCache<Loaded>(30_000);

/** A missing or empty translation reads as the Chinese. */
const or = (translation: string | null, chinese: string) =>
  translation?.trim() ? translation : chinese;

function inLocale(c: TranslatedCatalogue, locale: Locale): Catalogue {
  const texts = <T extends object>(x: T & { i18n: Record<TranslatedLocale, T> }): T =>
    locale === "zh-CN" ? x : x.i18n[locale];
  return {
    version: c.version,
    indicators: c.indicators.map((i) => {
      const { name, dimension } = texts(i);
      const tags = i.tags.map((t) => ({
        code: t.code,
        level: t.level,
        text: texts(t).text,
        needsText: t.needsText,
      }));
      return { code: i.code, grp: i.grp, dimension, name, tags };
    }),
  };
}

async function load(db: Reader): Promise<Loaded> {
  return cache(db, "active", async () => {
    const [v] = await db.select().from(catalogVersions).where(eq(catalogVersions.active, true));
    if (!v) throw new DomainError("not_found", "no active indicator catalogue");
    const [inds, tags] = await Promise.all([
      db
        .select()
        .from(indicators)
        .where(eq(indicators.versionId, v.id))
        .orderBy(asc(indicators.sort)),
      db
        .select()
        .from(indicatorTags)
        .where(eq(indicatorTags.versionId, v.id))
        .orderBy(asc(indicatorTags.sort)),
    ]);
    const dimension = (zh: string | null, t: string | null) => (zh === null ? null : or(t, zh));
    const translated: TranslatedCatalogue = {
      version: v.version,
      indicators: inds.map((i) => ({
        code: i.code,
        grp: i.grp,
        dimension: i.dimension,
        name: i.name,
        i18n: {
          "zh-TW": {
            name: or(i.nameHant, i.name),
            dimension: dimension(i.dimension, i.dimensionHant),
          },
          en: { name: or(i.nameEn, i.name), dimension: dimension(i.dimension, i.dimensionEn) },
        },
        tags: tags
          .filter((t) => t.indicatorCode === i.code)
          .map((t) => ({
            code: t.code,
            level: t.level,
            text: t.text,
            needsText: t.needsText,
            i18n: { "zh-TW": { text: or(t.textHant, t.text) }, en: { text: or(t.textEn, t.text) } },
          })),
      })),
    };
    const byLocale = Object.fromEntries(LOCALES.map((l) => [l, inLocale(translated, l)])) as Record<
      Locale,
      Catalogue
    >;
    return { translated, byLocale };
  });
}

/** After a publish: this process reads the new active version at once (others within the cache's 30 s). */
export function forgetCatalogue(db: Reader): void {
  cache.forget(db);
}

/** The active indicator catalogue (SPEC §3) in the rules' Chinese, memoised: every rating page and submit reads it. */
export async function activeCatalogue(db: Reader): Promise<Catalogue> {
  return (await load(db)).byLocale["zh-CN"];
}

/**
 * The same catalogue (codes, levels, order) with names, dimensions and tag texts in the reader's
 * language, falling back to the Chinese where a translation is missing. Memoised like activeCatalogue.
 */
export async function localizedCatalogue(db: Reader, locale: Locale): Promise<Catalogue> {
  return (await load(db)).byLocale[locale];
}

/** The Chinese with every translation beside it (GET /api/v1/catalog). */
export async function translatedCatalogue(db: Reader): Promise<TranslatedCatalogue> {
  return (await load(db)).translated;
}
