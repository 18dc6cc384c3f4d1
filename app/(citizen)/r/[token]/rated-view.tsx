import { getFormatter, getTranslations } from "next-intl/server";

import type { RatingView } from "@/server/ratings/page.service";

/** A stored rating, read-only. Free text is rendered as text (React escapes it), never as markup; to anyone but the applicant it is not sent at all. */
export async function RatedView({ rating }: { rating: RatingView }) {
  const [t, levels, format] = await Promise.all([
    getTranslations("rated"),
    getTranslations("client.levels"),
    getFormatter(),
  ]);
  return (
    <section
      aria-label={rating.stage === "receipt" ? t("receiptRegion") : t("completionRegion")}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 className="text-lg font-semibold">
        {rating.stage === "receipt" ? t("receipt") : t("completion")}
        {rating.source === "default" ? t("byDefault") : ""}
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        {format.dateTime(rating.createdAt, { dateStyle: "medium", timeStyle: "short" })}
      </p>
      <ul className="mt-3 space-y-2">
        {rating.scores.map((s) => (
          <li key={s.indicatorCode} className="text-base">
            <span className="text-stone-600">{`${s.indicatorName}${t("labelSeparator")}`}</span>
            <strong>{levels(s.level)}</strong>
            {s.tagTexts.length > 0 && (
              <span className="block text-sm text-stone-700">
                {s.tagTexts.join(t("tagSeparator"))}
              </span>
            )}
            {s.text && (
              <span className="block text-sm whitespace-pre-wrap text-stone-700">“{s.text}”</span>
            )}
            {s.textHidden && (
              <span className="block text-sm text-stone-600">{t("textHidden")}</span>
            )}
          </li>
        ))}
      </ul>
      {rating.appended && (
        <div
          className="mt-3 border-t-2 border-dashed border-stone-300 pt-3"
          role="group"
          aria-label={t("appended")}
        >
          <h3 className="text-base font-semibold">
            {t("appended")}
            <span className="ml-2 text-sm font-normal text-stone-600">
              {format.dateTime(rating.appended.createdAt, {
                dateStyle: "medium",
                timeStyle: "short",
              })}
            </span>
          </h3>
          {rating.appended.level && (
            <strong className="block text-base">{levels(rating.appended.level)}</strong>
          )}
          {rating.appended.text && (
            <span className="block text-sm whitespace-pre-wrap text-stone-700">
              “{rating.appended.text}”
            </span>
          )}
          {rating.appended.textHidden && (
            <span className="block text-sm text-stone-600">{t("textHidden")}</span>
          )}
        </div>
      )}
    </section>
  );
}
