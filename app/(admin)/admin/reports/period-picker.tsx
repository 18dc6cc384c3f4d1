import type { NamedPeriod } from "@/server/reports/report.period";

const field = "mt-1 block min-h-11 rounded-lg border-2 border-stone-400 bg-white px-2 text-base";
const button = "min-h-11 rounded-lg bg-stone-900 px-4 text-base font-bold text-white";
const box =
  "flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200";

/** This year's quarters and last year's, newest first: 2026-Q1 … */
function recentQuarters(today: string): { value: string; label: string }[] {
  const year = Number(today.slice(0, 4));
  const current = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: { value: string; label: string }[] = [];
  for (const y of [year, year - 1])
    for (let q = 4; q >= 1; q--)
      if (y < year || q <= current)
        out.push({ value: `${y}-Q${q}`, label: `${y}年第${"一二三四"[q - 1]}季度` });
  return out;
}

/** Three plain GET forms — a month, a quarter, or any days — so the period lives in the URL. */
export function PeriodPicker({ period, today }: { period: NamedPeriod; today: string }) {
  const quarter =
    period.kind === "quarter"
      ? `${period.from.slice(0, 4)}-Q${Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1}`
      : undefined;
  return (
    <div className="mt-4 flex flex-wrap items-start gap-3 print:hidden">
      <form method="get" aria-label="按月" className={box}>
        <label className="text-sm font-medium">
          月份
          <input
            type="month"
            name="month"
            required
            defaultValue={period.from.slice(0, 7)}
            max={today.slice(0, 7)}
            className={field}
          />
        </label>
        <button type="submit" className={button}>
          按月查看
        </button>
      </form>
      <form method="get" aria-label="按季度" className={box}>
        <label className="text-sm font-medium">
          季度
          <select name="quarter" defaultValue={quarter} className={field}>
            {[
              ...recentQuarters(today),
              ...(quarter && !recentQuarters(today).some((q) => q.value === quarter)
                ? [{ value: quarter, label: period.title }]
                : []),
            ].map((q) => (
              <option key={q.value} value={q.value}>
                {q.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={button}>
          按季度查看
        </button>
      </form>
      <form method="get" aria-label="自定义统计期" className={box}>
        <label className="text-sm font-medium">
          开始日期
          <input type="date" name="from" required defaultValue={period.from} className={field} />
        </label>
        <label className="text-sm font-medium">
          结束日期
          <input type="date" name="to" required defaultValue={period.to} className={field} />
        </label>
        <button type="submit" className={button}>
          查看
        </button>
      </form>
    </div>
  );
}
