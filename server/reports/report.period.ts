import { z } from "zod";

/**
 * The 通报's period, as the page's URL names it (pure): a month (`month=2026-03`), a quarter
 * (`quarter=2026-Q1`) or any days (`from=…&to=…`, at most 366). The title names it the way a
 * printed 通报 does: 2026年3月 / 2026年第一季度 / 2026年3月1日至3月15日.
 */
export const MAX_REPORT_DAYS = 366;

const isRealDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const ZDate = (what: string) =>
  z.string().refine(isRealDate, `${what}必须是真实的日期（年-月-日）`);

export const ZReportPeriod = z
  .object({ from: ZDate("开始日期"), to: ZDate("结束日期") })
  .superRefine((p, ctx) => {
    const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1;
    if (days < 1)
      ctx.addIssue({ code: "custom", path: ["from"], message: "开始日期不能晚于结束日期" });
    else if (days > MAX_REPORT_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `统计期共 ${days} 天，最长 ${MAX_REPORT_DAYS} 天`,
      });
  });
export type TReportPeriod = z.infer<typeof ZReportPeriod>;

export type PeriodKind = "month" | "quarter" | "custom";
export interface NamedPeriod extends TReportPeriod {
  kind: PeriodKind;
  /** 2026年3月, 2026年第一季度, 2026年3月1日至2026年3月15日 */
  title: string;
}

const QUARTER_WORD = ["一", "二", "三", "四"] as const;
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const cn = (d: string) => {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
};

export function monthPeriod(month: string): NamedPeriod | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return null;
  return {
    kind: "month",
    from: `${y}-${pad(mo)}-01`,
    to: `${y}-${pad(mo)}-${lastDay(y, mo)}`,
    title: `${y}年${mo}月`,
  };
}

export function quarterPeriod(quarter: string): NamedPeriod | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const [y, q] = [Number(m[1]), Number(m[2])];
  const first = (q - 1) * 3 + 1;
  return {
    kind: "quarter",
    from: `${y}-${pad(first)}-01`,
    to: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}`,
    title: `${y}年第${QUARTER_WORD[q - 1]}季度`,
  };
}

/**
 * The URL's period, or this month when the URL names none; a wrong one is refused with its
 * sentence (the page shows it and falls back to this month, as /admin/stats does).
 */
export function periodOf(
  q: { month?: string; quarter?: string; from?: string; to?: string },
  today: string,
): { period: NamedPeriod; error?: string } {
  const fallback = monthPeriod(today.slice(0, 7))!;
  if (q.from || q.to) {
    const parsed = ZReportPeriod.safeParse({ from: q.from ?? "", to: q.to ?? "" });
    if (!parsed.success)
      return { period: fallback, error: parsed.error.issues[0]?.message ?? "统计期有误" };
    const { from, to } = parsed.data;
    const month = monthPeriod(from.slice(0, 7));
    if (month && month.from === from && month.to === to) return { period: month };
    return { period: { kind: "custom", from, to, title: `${cn(from)}至${cn(to)}` } };
  }
  if (q.quarter) {
    const p = quarterPeriod(q.quarter);
    return p ? { period: p } : { period: fallback, error: "季度应写成“2026-Q1”的样子" };
  }
  if (q.month) {
    const p = monthPeriod(q.month);
    return p ? { period: p } : { period: fallback, error: "月份应写成“2026-03”的样子" };
  }
  return { period: fallback };
}
