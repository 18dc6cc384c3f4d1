import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";

import type { Locale } from "@/server/catalog/locale";

import { LanguageSwitch } from "./language-switch";
import { TEXT_SIZE_COOKIE } from "./text-size";
import { TextSizeToggle } from "./text-size-toggle";

/** The top of a citizen page: who serves, what the page is, and the reader's two switches (language, 大字). */
export async function CitizenHeader({ title, over }: { title: string; over?: string }) {
  const [t, locale, jar] = await Promise.all([getTranslations("common"), getLocale(), cookies()]);
  return (
    <header className="mb-4 border-b-4 border-brand pb-3">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <LanguageSwitch current={locale as Locale} label={t("language")} />
        <TextSizeToggle
          initialLarge={jar.get(TEXT_SIZE_COOKIE)?.value === "large"}
          label={t("largeText")}
        />
      </div>
      <p className="mt-2 text-base text-stone-600">{over ?? t("org")}</p>
      <h1 className="text-2xl font-bold text-brand-dark">{title}</h1>
    </header>
  );
}
