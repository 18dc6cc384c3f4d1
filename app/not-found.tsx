import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { CitizenHeader } from "./(citizen)/_components/citizen-header";

export const metadata: Metadata = { title: "404", robots: { index: false } };

/** Any path that leads nowhere: said in the reader's language, with a way back (home, or 我的办件). */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main data-state="not_found" className="mx-auto max-w-xl px-4 pt-4 pb-16">
      <CitizenHeader title={t("title")} />
      <p className="text-lg">{t("body")}</p>
      <nav aria-label={t("title")} className="mt-6 grid gap-3">
        <a
          href="/"
          className="flex min-h-14 items-center justify-center rounded-xl bg-brand px-4 text-xl font-bold text-white"
        >
          {t("home")}
        </a>
        <a
          href="/me"
          className="flex min-h-14 items-center justify-center rounded-xl border-2 border-stone-800 bg-white px-4 text-xl font-semibold"
        >
          {t("me")}
        </a>
      </nav>
    </main>
  );
}
