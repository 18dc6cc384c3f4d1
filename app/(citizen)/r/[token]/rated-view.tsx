import type { RatingView } from "@/server/ratings/page.service";
import { levelWords } from "../../_components/levels";

const when = (ms: number) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }).format(ms);

/** A stored rating, read-only. Free text is rendered as text (React escapes it), never as markup. */
export function RatedView({ rating }: { rating: RatingView }) {
  return (
    <section aria-label={rating.stage === "receipt" ? "收件评价" : "办件评价"} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 className="text-lg font-semibold">
        {rating.stage === "receipt" ? "收件服务评价" : "办件评价"}
        {rating.source === "default" ? "（系统默认）" : ""}
      </h2>
      <p className="mt-1 text-sm text-stone-600">{when(rating.createdAt)}</p>
      <ul className="mt-3 space-y-2">
        {rating.scores.map((s) => (
          <li key={s.indicatorCode} className="text-base">
            <span className="text-stone-600">{s.indicatorName}：</span>
            <strong>{levelWords(s.level)}</strong>
            {s.tagTexts.length > 0 && <span className="block text-sm text-stone-700">{s.tagTexts.join("；")}</span>}
            {s.text && <span className="block text-sm whitespace-pre-wrap text-stone-700">“{s.text}”</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
