import { LEVEL_WORD } from "@/app/(admin)/admin/_components/format";
import { indicatorName, isBad } from "@/server/ratings/vocabulary";
import type { FeedPage, MonthSummary } from "@/server/stats/staff-feed.service";

// the server sends the day only: with the hour, a staff member could tell which applicant rated them (article 16)
const day = (d: string) => d.replaceAll("-", "/");
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

/** This month's figures of my service parts, as the dashboards count them by staff (SPEC §9). */
export function MonthFigures({ summary }: { summary: MonthSummary }) {
  return (
    <div className="mt-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <dl className="grid grid-cols-3 gap-2">
        {[
          ["本月评价", `${summary.ratings}`],
          ["满意率", pct(summary.goodRate)],
          ["平均分", summary.average === null ? "—" : summary.average.toFixed(2)],
        ].map(([k, v]) => (
          <div key={k}>
            <dt className="text-sm text-stone-600">{k}</dt>
            <dd className="text-2xl font-bold">{v}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm text-stone-600">
        {summary.month}，含默认好评 {summary.defaults} 条
        {summary.notAdopted > 0 ? `，不予采纳 ${summary.notAdopted} 条（不计入）` : ""}。满意率 =
        非常满意、满意、基本满意 ÷ 评价数。
      </p>
    </div>
  );
}

/** My ratings' service parts, newest first: level, tags and the reason given about service; never who rated. */
export function FeedList({ page, moreHref }: { page: FeedPage; moreHref: string | null }) {
  if (page.entries.length === 0) return <p className="mt-3 text-base text-stone-700">暂无评价。</p>;
  return (
    <>
      <ol className="mt-3 space-y-3" aria-label="我的评价列表">
        {page.entries.map((e, i) => (
          <li
            key={`${e.day}-${i}`}
            className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
          >
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span
                className={`text-lg font-bold ${isBad(e.level) ? "text-red-800" : "text-stone-900"}`}
              >
                {LEVEL_WORD[e.level]}
              </span>
              <span className="text-base text-stone-600">
                {day(e.day)} · {e.stage === "receipt" ? "收件" : "办结"}
                {e.source === "default" ? " · 默认好评" : ""}
              </span>
              {e.notAdopted && (
                <span className="rounded bg-stone-200 px-2 text-sm font-semibold">不予采纳</span>
              )}
            </p>
            <ul className="mt-2 space-y-1 text-base">
              {e.scores.map((s) => (
                <li key={s.indicatorCode}>
                  <span className="text-stone-600">{indicatorName(s.indicatorCode)}：</span>
                  {LEVEL_WORD[s.level]}
                  {s.tags.length > 0 && (
                    <span className="text-stone-700">（{s.tags.join("、")}）</span>
                  )}
                  {s.text && (
                    <q className="mt-1 block rounded-lg bg-stone-100 px-3 py-2 break-words">
                      {s.text}
                    </q>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {moreHref && (
        <p className="mt-4">
          <a
            href={moreHref}
            className="inline-flex min-h-12 items-center rounded-xl border-2 border-stone-700 px-4 text-base font-semibold"
          >
            更多评价
          </a>
        </p>
      )}
    </>
  );
}
