import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import type { RatingPage } from "@/server/ratings/page.service";

import { islandWords } from "../../_components/island-words";
import { WordsProvider } from "../../_components/words";
import { CaseHeaderCard } from "./case-header";
import { FeedbackForm, type FeedbackWords } from "./feedback-form";
import { ForgetQueued } from "./forget-queued";
import { RatedView } from "./rated-view";
import { RatingForm } from "./rating-form";

const TONE = {
  thanks: "bg-emerald-50 ring-emerald-300",
  why: "bg-amber-50 ring-amber-300",
  about: "bg-sky-50 ring-sky-300",
};

/** A sentence about the page's state: thanks (green), why it cannot be rated (amber), what the rating covers (blue). */
function Notice({
  tone,
  status = true,
  children,
}: {
  tone: keyof typeof TONE;
  status?: boolean;
  children: ReactNode;
}) {
  return (
    <p
      role={status ? "status" : undefined}
      className={`mt-4 rounded-xl p-4 text-lg ring-1 ${TONE[tone]}`}
    >
      {children}
    </p>
  );
}

/** 意见反馈 (SPEC §4) for a person turned away: clearly apart from rating, and saying it counts in no figure. */
async function Feedback({
  page,
  token,
}: {
  page: Extract<RatingPage, { header: unknown }>;
  token: string;
}) {
  const [client, words] = await Promise.all([
    islandWords("client"),
    getMessages().then((m) => (m as unknown as { feedback: FeedbackWords }).feedback),
  ]);
  return (
    <section
      aria-labelledby="feedback-title"
      className="mt-6 rounded-xl border-2 border-dashed border-stone-400 bg-stone-50 p-4"
    >
      <h2 id="feedback-title" className="text-xl font-bold">
        {words.title}
      </h2>
      <p className="mt-2 text-lg">{words.notRating}</p>
      <WordsProvider
        words={{
          ...client,
          proofIntro: words.proofIntro,
          proofIntroNoPhone: words.proofIntroNoPhone,
        }}
      >
        <FeedbackForm
          token={token}
          needsProof={page.needsProof}
          maskedPhone={page.maskedPhone}
          sent={page.feedbackSent ?? false}
          words={words}
        />
      </WordsProvider>
    </section>
  );
}

/** Everything under the page title: a scanned code's state, its case, stored ratings and the form. */
export async function RatingBody({ page, token }: { page: RatingPage; token: string }) {
  const [t, tokenText] = await Promise.all([getTranslations("notice"), getTranslations("token")]);
  if ("message" in page)
    return (
      <p role="status" className="rounded-xl bg-white p-4 text-lg ring-1 ring-stone-200">
        {tokenText(page.why)}
      </p>
    );
  const notice = (key: string) => (t.has(key as "rated") ? t(key as "rated") : null);
  const why =
    page.state === "not_open"
      ? notice(`not_open_${page.reason ?? "receipt_failed"}`)
      : notice(page.state);
  return (
    <>
      <CaseHeaderCard header={page.header} />
      {/* what a receipt stage rates; after a completion rating the thanks say it (the intro's "later, when it completes" would be wrong) */}
      {page.state === "receipt" &&
        (page.shown.length > 0 ? (
          <Notice tone="thanks">{t("receiptAfter")}</Notice>
        ) : (
          <Notice tone="about" status={false}>
            {t("receiptIntro")}
          </Notice>
        ))}
      {why && <Notice tone={page.state === "rated" ? "thanks" : "why"}>{why}</Notice>}
      {page.state === "rated" && <ForgetQueued token={token} />}
      {page.state === "not_open" && page.feedbackSent !== undefined && (
        <Feedback page={page} token={token} />
      )}
      {page.shown.map((r) => (
        <div key={r.stage} className="mt-4">
          <RatedView rating={r} />
        </div>
      ))}
      {page.stage && (
        <>
          {page.header.theme && (
            <Notice tone="about" status={false}>
              {t("theme", { name: page.header.theme.name, count: page.header.theme.items.length })}
            </Notice>
          )}
          {page.header.batch && (
            <Notice tone="about" status={false}>
              {t("batch", { count: page.header.batch.length })}
            </Notice>
          )}
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
        </>
      )}
    </>
  );
}
