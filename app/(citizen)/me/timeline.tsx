import { getFormatter, getTranslations } from "next-intl/server";

import type { RaterTimelineEntry } from "@/server/workorders/timeline";

/** A work order's progress as its rater sees it: created, sent to 12345, 12345's results, the fix rated. */
export async function WorkOrderTimeline({ entries }: { entries: RaterTimelineEntry[] }) {
  const [t, format] = await Promise.all([getTranslations("me"), getFormatter()]);
  const label = (e: RaterTimelineEntry) => {
    if (e.kind === "result") return t(`ev_${e.status}`);
    if (e.kind === "fix_rated") return t("ev_fix_rated", { level: t(`fix_${e.level}`) });
    if (e.kind === "desk") return t(e.close ? "ev_desk_close" : "ev_desk");
    return t(`ev_${e.kind}`);
  };
  return (
    <section aria-label={t("timeline")} className="mt-3">
      <h3 className="text-base font-semibold text-stone-700">{t("timeline")}</h3>
      <ol className="mt-1 space-y-2 border-l-4 border-stone-300 pl-3">
        {entries.map((e, i) => (
          <li key={i} className="text-base">
            <span className="block text-sm text-stone-600">
              {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}
            </span>
            <span className="font-semibold">{label(e)}</span>
            {e.kind === "result" && e.text && (
              <span className="block break-words whitespace-pre-wrap text-stone-800">{e.text}</span>
            )}
            {e.kind === "desk" && e.visitText && (
              <span className="block break-words whitespace-pre-wrap text-stone-800">
                {e.visitText}
              </span>
            )}
            {e.kind === "desk" && e.verified !== null && (
              <span className="block text-stone-800">
                {t(e.verified ? "verified_true" : "verified_false")}
              </span>
            )}
            {e.kind === "desk" && e.measures && (
              <span className="block break-words whitespace-pre-wrap text-stone-800">{`${t("measures")}${e.measures}`}</span>
            )}
            {e.kind === "fix_rated" && e.reopened && (
              <span className="block text-stone-800">{t("ev_reopened")}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
