import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";

import type { Locale } from "@/server/catalog/locale";
import { getDeps } from "@/server/deps";
import { readSession, SESSION_COOKIE } from "@/server/identity/session";
import { ratingPage } from "@/server/ratings/page.service";

import { CitizenHeader } from "../../_components/citizen-header";
import { RatingBody } from "./rating-body";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "服务评价", robots: { index: false } };

export default async function RatePage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, deps, jar, locale, t] = await Promise.all([
    params,
    getDeps(),
    cookies(),
    getLocale(),
    getTranslations("common"),
  ]);
  const session = readSession(deps, jar.get(SESSION_COOKIE)?.value);
  const page = await ratingPage(deps, token, session, false, locale as Locale);

  return (
    <main data-state={page.state} className="mx-auto max-w-xl px-4 pt-4 pb-16">
      <CitizenHeader title={page.state === "receipt" ? t("receiptTitle") : t("title")} />
      <RatingBody page={page} token={token} />
    </main>
  );
}
