import { getTranslations } from "next-intl/server";
import type { RatingPage } from "@/server/ratings/page.service";
import { CaseHeaderCard } from "./case-header";
import { RatedView } from "./rated-view";
import { RatingForm } from "./rating-form";
import { islandWords } from "../../_components/island-words";
import { WordsProvider } from "../../_components/words";

/** Everything under the page title: a scanned code's state, its case, stored ratings and the form. */
export async function RatingBody({ page, token }: { page: RatingPage; token: string }) {
  const [t, tokenText] = await Promise.all([getTranslations("notice"), getTranslations("token")]);
  const notice = (key: string) => (t.has(key as "rated") ? t(key as "rated") : null);
  return (
    <>
      {"message" in page ? (
        <p role="status" className="rounded-xl bg-white p-4 text-lg ring-1 ring-stone-200">
          {tokenText(page.why)}
        </p>
      ) : (
        <>
          <CaseHeaderCard header={page.header} />
          {page.state === "not_open" && (
            <p role="status" className="mt-4 rounded-xl bg-amber-50 p-4 text-lg ring-1 ring-amber-300">
              {notice(`not_open_${page.reason ?? "receipt_failed"}`)}
            </p>
          )}
          {page.state === "receipt" && page.shown.length > 0 && (
            <p role="status" className="mt-4 rounded-xl bg-emerald-50 p-4 text-lg ring-1 ring-emerald-300">
              {t("receiptAfter")}
            </p>
          )}
          {notice(page.state) && (
            <p role="status" className="mt-4 rounded-xl bg-amber-50 p-4 text-lg ring-1 ring-amber-300">
              {notice(page.state)}
            </p>
          )}
          {page.shown.map((r) => (
            <div key={r.stage} className="mt-4">
              <RatedView rating={r} />
            </div>
          ))}
          {page.stage && page.header.theme && (
            <p className="mt-4 rounded-xl bg-sky-50 p-4 text-lg ring-1 ring-sky-300">
              {t("theme", { name: page.header.theme.name, count: page.header.theme.items.length })}
            </p>
          )}
          {page.stage && page.header.batch && (
            <p className="mt-4 rounded-xl bg-sky-50 p-4 text-lg ring-1 ring-sky-300">
              {t("batch", { count: page.header.batch.length })}
            </p>
          )}
          {page.stage && (
            <WordsProvider words={await islandWords("client")}>
              <RatingForm
                token={token}
                stage={page.stage}
                indicators={page.indicators}
                needsProof={page.needsProof}
                maskedPhone={page.maskedPhone}
                dynamic={page.dynamic}
                themeItems={page.header.theme?.items ?? null}
              />
            </WordsProvider>
          )}
        </>
      )}
    </>
  );
}
