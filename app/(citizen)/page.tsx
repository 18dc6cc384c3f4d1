import { getTranslations } from "next-intl/server";

import { listCatalog } from "@/server/catalog/catalog.service";
import { getDeps } from "@/server/deps";

import { CitizenHeader } from "./_components/citizen-header";

export const dynamic = "force-dynamic";

export default async function Home() {
  const [catalog, t] = await Promise.all([
    getDeps().then((deps) => listCatalog(deps.database.db)),
    getTranslations("home"),
  ]);
  const towns = catalog.orgs.filter((o) => o.level === "town" && o.kind === "government");
  return (
    <main className="mx-auto max-w-2xl px-5 py-8" data-state="home">
      <CitizenHeader over={t("bureau")} title={t("title")} />
      <section className="space-y-3 text-lg leading-relaxed">
        <p>{t("intro")}</p>
        <p className="text-base text-stone-600">{t("privacy")}</p>
      </section>
      <div className="mt-6 grid gap-3 sm:grid-cols-2">
        {(
          [
            ["/me", t("me"), t("meHint")],
            ["/public", t("public"), t("publicHint")],
          ] as const
        ).map(([href, label, hint]) => (
          <a
            key={href}
            href={href}
            className="block min-h-12 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 hover:ring-brand"
          >
            <span className="block text-lg font-semibold text-brand underline">{label}</span>
            <span className="mt-1 block text-base text-stone-700">{hint}</span>
          </a>
        ))}
      </div>
      <section
        aria-labelledby="scope"
        className="mt-8 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
      >
        <h2 id="scope" className="text-xl font-semibold">
          {t("scope")}
        </h2>
        <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
          <div>
            <dt className="text-sm text-stone-600">{t("towns")}</dt>
            <dd className="text-2xl font-bold">{towns.length}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("windows")}</dt>
            <dd className="text-2xl font-bold">{catalog.windows.length}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">{t("items")}</dt>
            <dd className="text-2xl font-bold">{catalog.items.length}</dd>
          </div>
        </dl>
        <p className="mt-4 text-base text-stone-700">{towns.map((town) => town.name).join("、")}</p>
      </section>
      <footer className="mt-8 text-sm text-stone-600">
        <a className="underline" href="/api/v1/openapi.json">
          {t("api")}
        </a>
      </footer>
    </main>
  );
}
