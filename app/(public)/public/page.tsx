import { getLocale, getTranslations } from "next-intl/server";

import { CitizenHeader } from "@/app/(citizen)/_components/citizen-header";
import { type Locale,nameIn } from "@/server/catalog/locale";
import { getDeps } from "@/server/deps";
import { isDomainError } from "@/server/errors";
import { type TPublicResults,ZPeriod } from "@/server/publication/publication.schema";
import { orgNames, publicResults, publishedPeriods } from "@/server/publication/publication.service";

export const dynamic = "force-dynamic";
export const metadata = { title: "结果公示" };

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
const score = (v: number | null) => (v === null ? "—" : v.toFixed(2));

/**
 * SPEC §7 `/public` (article 23): the bureau's published months by org, mobile first, in the three
 * languages and large type like the rating page. Only what the snapshot holds: no person, no staff,
 * no free text; a row under 5 active ratings shows 样本不足 instead of its rates.
 */
export default async function PublicResults({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const [deps, t, locale, params] = await Promise.all([getDeps(), getTranslations("public"), getLocale(), searchParams]);
  const periods = await publishedPeriods(deps);
  const wanted = ZPeriod.safeParse(params.period).success ? params.period! : periods[0];
  let results: TPublicResults | null = null;
  if (wanted) {
    try {
      results = await publicResults(deps, wanted);
    } catch (e) {
      if (!isDomainError(e)) throw e;
    }
  }
  const names = await orgNames(deps);
  const fmtTime = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(iso));
  return (
    <main className="mx-auto max-w-3xl px-4 py-6" data-state="public">
      <CitizenHeader title={t("title")} />
      {periods.length > 0 && (
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <label className="flex flex-col text-base font-semibold">
            {t("period")}
            <select name="period" defaultValue={wanted} className="mt-1 min-h-12 rounded-xl border-2 border-stone-700 bg-white px-3 text-lg">
              {periods.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-12 rounded-xl bg-brand px-5 text-lg font-bold text-white">
            {t("show")}
          </button>
        </form>
      )}
      {!results ? (
        <p className="text-lg">{t("none")}</p>
      ) : (
        <>
          <p className="text-base text-stone-700">
            {results.period} · {t("version", { version: results.version })} · {t("publishedAt", { at: fmtTime(results.publishedAt) })}
          </p>
          <ul className="mt-4 space-y-4">
            {results.rows.map((r) => {
              const name = nameIn(locale as Locale, names.get(r.code) ?? { zh: r.name, hant: null, en: null });
              const fix = r.workOrders.opened ? r.workOrders.closed / r.workOrders.opened : null;
              return (
                <li key={r.code} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
                  <h2 className="text-xl font-bold">{name}</h2>
                  <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4">
                    <Figure label={t("ratings")} value={String(r.ratings)} />
                    {r.suppressed ? (
                      <div className="col-span-2 sm:col-span-3">
                        <dt className="text-sm text-stone-700">{t("goodRate")}</dt>
                        <dd className="text-lg font-bold text-stone-800">{t("insufficient")}</dd>
                      </div>
                    ) : (
                      <>
                        <Figure label={t("activeRate")} value={pct(r.activeRate)} />
                        <Figure label={t("average")} value={score(r.average)} />
                        <Figure label={t("averageActive")} value={score(r.averageActive)} />
                        <Figure label={t("goodRate")} value={pct(r.goodRate)} />
                        <Figure label={t("badRate")} value={pct(r.badRate)} />
                        <Figure label={t("fixRate")} value={pct(fix)} />
                      </>
                    )}
                  </dl>
                </li>
              );
            })}
          </ul>
          <section className="mt-6 space-y-2 text-base text-stone-700">
            <p>{t("defaultsNote")}</p>
            <p>{t("insufficientNote")}</p>
            <h2 className="pt-2 text-lg font-semibold text-stone-900">{t("earlier")}</h2>
            <ol className="space-y-2">
              {results.versions.map((v) => (
                <li key={v.version}>
                  {t("version", { version: v.version })} · {fmtTime(v.publishedAt)}
                  <br />
                  <span className="text-sm">{t("hash")}</span>
                  <code className="text-sm break-all">{v.hash}</code>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </main>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-stone-700">{label}</dt>
      <dd className="text-lg font-bold">{value}</dd>
    </div>
  );
}
