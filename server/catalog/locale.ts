/**
 * The citizen pages' languages (SPEC §8): 简体中文 first and the default, 繁體中文, English.
 * Pure and without "server-only": the page-side i18n imports it too.
 */
export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A name stored in Chinese with optional translations, in `locale`; a missing translation reads as the Chinese. */
export function nameIn(
  locale: Locale,
  name: { zh: string; hant: string | null; en: string | null },
): string {
  return (locale === "en" ? name.en : locale === "zh-TW" ? name.hant : null) ?? name.zh;
}
