import type { Level } from "./indicators.service";

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

/**
 * The five levels (article 10) in each language, in the rules' order. 基本满意 is still a good
 * rating (6 of 10), hence "Fairly satisfied" rather than a neutral middle. zh-TW is the same
 * Hong Kong-form conversion as the catalogue (checked by a test).
 */
export const LEVEL_NAMES: Record<Locale, Record<Level, string>> = {
  "zh-CN": { very_satisfied: "非常满意", satisfied: "满意", basic: "基本满意", unsatisfied: "不满意", very_unsatisfied: "非常不满意" },
  "zh-TW": { very_satisfied: "非常滿意", satisfied: "滿意", basic: "基本滿意", unsatisfied: "不滿意", very_unsatisfied: "非常不滿意" },
  en: { very_satisfied: "Very satisfied", satisfied: "Satisfied", basic: "Fairly satisfied", unsatisfied: "Dissatisfied", very_unsatisfied: "Very dissatisfied" },
};
