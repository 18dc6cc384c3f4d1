import { eq } from "drizzle-orm";
import { Converter } from "opencc-js/cn2t";

import type { Database } from "../client";
import { indicators, indicatorTags } from "../schema";
import type { Reader } from "../types";
import { INDICATORS, TAGS } from "./catalogue-data";
import { INDICATOR_EN, TAG_EN } from "./catalogue-en";

let hkConverter: ((text: string) => string) | undefined;

/**
 * Traditional Chinese in Hong Kong forms (着裝, 查閲; 台 kept as 台, where Taiwan forms write
 * 著裝, 查閱, 臺): Taishan's readers of Traditional are mostly in Hong Kong, Macau and the old
 * overseas communities, who use these forms. Run at seed time only; pages read the stored text.
 */
export function toHant(text: string): string {
  hkConverter ??= Converter({ from: "cn", to: "hk" });
  return hkConverter(text);
}

const seededIndicator = new Map(INDICATORS.map((i) => [i.code, i]));
const seededTag = new Map(TAGS.map((t) => [t.code, t.text]));

type IndicatorTexts = Pick<typeof indicators.$inferSelect, "code" | "name" | "dimension">;
type TagTexts = Pick<typeof indicatorTags.$inferSelect, "code" | "text">;

/**
 * The translations of an indicator. English is given only while the Chinese is still the one it
 * was written for: a text the bureau edited under the same code falls back to Chinese, never to
 * a wrong English.
 */
export function indicatorTranslations(row: IndicatorTexts) {
  const seeded = seededIndicator.get(row.code);
  const en = INDICATOR_EN[row.code];
  const dimensionIsSeeded = row.dimension !== null && seeded?.dimension === row.dimension;
  return {
    nameHant: toHant(row.name),
    nameEn: seeded?.name === row.name ? (en?.name ?? null) : null,
    dimensionHant: row.dimension === null ? null : toHant(row.dimension),
    dimensionEn: dimensionIsSeeded ? (en?.dimension ?? null) : null,
  };
}

export function tagTranslations(row: TagTexts) {
  return {
    textHant: toHant(row.text),
    textEn: seededTag.get(row.code) === row.text ? (TAG_EN[row.code] ?? null) : null,
  };
}

/** Only the columns still empty, so a translation someone corrected is kept. */
export function emptyOnly<T extends Record<string, string | null>>(
  stored: Record<keyof T, string | null>,
  made: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(made).filter(([k, v]) => v !== null && stored[k as keyof T] === null),
  ) as Partial<T>;
}

export const hasAny = (patch: object) => Object.keys(patch).length > 0;

async function missingTranslations(db: Reader) {
  const [indRows, tagRows] = await Promise.all([
    db.select().from(indicators),
    db.select().from(indicatorTags),
  ]);
  const needsInd = indRows.filter(
    (r) =>
      r.nameHant === null ||
      r.nameEn === null ||
      (r.dimension !== null && (r.dimensionHant === null || r.dimensionEn === null)),
  );
  const needsTag = tagRows.filter((r) => r.textHant === null || r.textEn === null);
  return {
    indicators: needsInd
      .map((r) => ({ id: r.id, patch: emptyOnly(r, indicatorTranslations(r)) }))
      .filter((p) => hasAny(p.patch)),
    tags: needsTag
      .map((r) => ({ id: r.id, patch: emptyOnly(r, tagTranslations(r)) }))
      .filter((p) => hasAny(p.patch)),
  };
}

/**
 * Fills the translations of a database seeded before they existed (migration 0006 adds the columns
 * empty). Writes only the empty translation columns, every catalogue version, nothing else: codes,
 * Chinese texts and versions stay as ratings reference them. Returns how many rows it filled; 0 on
 * a second run.
 */
export async function fillCatalogueTranslations(database: Database): Promise<number> {
  const first = await missingTranslations(database.db);
  if (first.indicators.length + first.tags.length === 0) return 0;
  return database.write(async (tx) => {
    const todo = await missingTranslations(tx);
    for (const { id, patch } of todo.indicators)
      await tx.update(indicators).set(patch).where(eq(indicators.id, id));
    for (const { id, patch } of todo.tags)
      await tx.update(indicatorTags).set(patch).where(eq(indicatorTags.id, id));
    return todo.indicators.length + todo.tags.length;
  });
}
