import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getFormatter, getLocale, getMessages, getTranslations } from "next-intl/server";

import type { Locale } from "@/server/catalog/locale";
import { getDeps } from "@/server/deps";
import { myCases } from "@/server/me/me.service";
import { ME_COOKIE, readMeSession } from "@/server/me/me.session";

import { CitizenHeader } from "../_components/citizen-header";
import { islandWords } from "../_components/island-words";
import { AppendForm } from "./append-form";
import { FixForm } from "./fix-form";
import { MeSignIn, type MeWords } from "./me-sign-in";
import { SignOut } from "./sign-out";
import { WorkOrderTimeline } from "./timeline";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的办件", robots: { index: false } };

const card = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200";

/** 我的办件 (SPEC §7, articles 13, 16, 21): real-name sign-in, then 待评价, 已评价 (with 追加评价) and 我的差评. */
export default async function MePage() {
  const [deps, jar, locale, t, messages, client, format, levels] = await Promise.all([
    getDeps(),
    cookies(),
    getLocale(),
    getTranslations("me"),
    getMessages(),
    islandWords("client"),
    getFormatter(),
    getTranslations("client.levels"),
  ]);
  const words = (messages as unknown as { me: MeWords }).me;
  const me = readMeSession(deps, jar.get(ME_COOKIE)?.value);
  if (!me)
    return (
      <main data-state="sign_in" className="mx-auto max-w-xl px-4 pt-4 pb-16">
        <CitizenHeader title={t("title")} />
        <p className="text-lg">{t("intro")}</p>
        <MeSignIn words={words} client={client} />
        <p className="mt-4 text-base text-stone-600">{t("privacy")}</p>
      </main>
    );

  const list = await myCases(deps, me, locale as Locale);
  const day = (ms: number) => format.dateTime(ms, { dateStyle: "medium" });
  const when = (ms: number) => format.dateTime(ms, { dateStyle: "medium", timeStyle: "short" });
  return (
    <main data-state="me" className="mx-auto max-w-xl px-4 pt-4 pb-16">
      <CitizenHeader title={t("title")} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-lg">{t("signedInAs", { who: list.masked })}</p>
        <SignOut label={t("signOut")} />
      </div>

      <section aria-labelledby="to-rate" className="mt-6">
        <h2 id="to-rate" className="text-2xl font-bold">
          {t("toRate")}
        </h2>
        {list.toRate.length === 0 && (
          <p className="mt-2 text-lg text-stone-700">{t("toRateEmpty")}</p>
        )}
        <ul className="mt-3 space-y-3">
          {list.toRate.map((c) => (
            <li key={`${c.serialNo}-${c.stage}`} className={card}>
              <p className="text-lg font-semibold break-words">{c.itemName}</p>
              <p className="text-base text-stone-700">
                {t(`stage_${c.stage}`)} · {t("serial")} {c.serialNo}
              </p>
              <p className="text-base text-stone-700">{c.orgName}</p>
              <p className="text-base text-stone-700">
                {t("closesAt", { date: day(c.closesAt - 1) })}
              </p>
              <a
                href={`/me/rate/${encodeURIComponent(c.serialNo)}`}
                aria-label={`${t("rateNow")}${t("labelSep")}${c.itemName} ${c.serialNo}`}
                className="mt-3 flex min-h-14 items-center justify-center rounded-xl bg-brand px-4 text-xl font-bold text-white"
              >
                {t("rateNow")}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="rated" className="mt-8">
        <h2 id="rated" className="text-2xl font-bold">
          {t("rated")}
        </h2>
        {list.rated.length === 0 && (
          <p className="mt-2 text-lg text-stone-700">{t("ratedEmpty")}</p>
        )}
        <ul className="mt-3 space-y-3">
          {list.rated.map((r) => (
            <li key={r.ratingId} className={card} aria-label={`${r.itemName} ${r.serialNo}`}>
              <p className="text-lg font-semibold break-words">{r.itemName}</p>
              <p className="text-base text-stone-700">
                {t(`stage_${r.stage}`)} · {t("serial")} {r.serialNo}
              </p>
              <p className="mt-1 text-lg">
                {t("yourLevel")}
                {t("labelSep")}
                <strong>{levels(r.level)}</strong>{" "}
                <span className="text-base text-stone-600">{when(r.createdAt)}</span>
              </p>
              {r.appended ? (
                <div className="mt-3 border-t-2 border-dashed border-stone-300 pt-2">
                  <p className="text-base font-semibold">
                    {t("appended")}{" "}
                    <span className="font-normal text-stone-600">{when(r.appended.createdAt)}</span>
                  </p>
                  {r.appended.level && (
                    <strong className="block text-lg">{levels(r.appended.level)}</strong>
                  )}
                  <p className="text-base break-words whitespace-pre-wrap">“{r.appended.text}”</p>
                </div>
              ) : (
                <AppendForm ratingId={r.ratingId} words={words} client={client} />
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="work-orders" className="mt-8">
        <h2 id="work-orders" className="text-2xl font-bold">
          {t("workOrders")}
        </h2>
        {list.workOrders.length === 0 && (
          <p className="mt-2 text-lg text-stone-700">{t("workOrdersEmpty")}</p>
        )}
        <ul className="mt-3 space-y-3">
          {list.workOrders.map((o) => (
            <li key={o.id} className={card} aria-label={`${t("workOrders")} ${o.serialNo}`}>
              <p className="text-lg font-semibold break-words">{o.itemName}</p>
              <p className="text-base text-stone-700">
                {t("serial")} {o.serialNo}
              </p>
              <p className="mt-1 text-lg">
                <strong data-status={o.status}>{t(`status_${o.status}`)}</strong>
                {o.status !== "closed" && (
                  <span className="ml-2 text-base">{t("due", { date: day(o.dueAt - 1) })}</span>
                )}
                {o.overdue && (
                  <span className="ml-2 rounded bg-red-100 px-2 text-base text-red-800">
                    {t("overdue")}
                  </span>
                )}
              </p>
              <WorkOrderTimeline entries={o.timeline} />
              {o.canRateFix && <FixForm workOrderId={o.id} words={words} client={client} />}
            </li>
          ))}
        </ul>
      </section>
      <p className="mt-8 text-base text-stone-600">{t("privacy")}</p>
    </main>
  );
}
