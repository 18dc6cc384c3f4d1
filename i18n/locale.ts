import { DEFAULT_LOCALE, isLocale, type Locale } from "@/server/catalog/locale";

export const LOCALE_COOKIE = "hcp_lang";

/**
 * The language of a citizen page: the one chosen on the page (cookie), else the browser's
 * first language we have — any Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant) → 繁體, other
 * Chinese → 简体, English → English — else 简体中文.
 */
export function chooseLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return "zh-TW";
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return DEFAULT_LOCALE;
}

/** The `lang` of the page: the Traditional text is in Hong Kong forms, so fonts should pick those shapes. */
export const HTML_LANG: Record<Locale, string> = {
  "zh-CN": "zh-CN",
  "zh-TW": "zh-Hant-HK",
  en: "en",
};
