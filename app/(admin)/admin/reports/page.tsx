import { periodOf } from "@/server/reports/report.period";
import { shanghaiDate } from "@/server/time/shanghai";

import { adminPage } from "../_components/admin-page";
import { PeriodPicker } from "./period-picker";
import { ReportBody, reportTitle } from "./report-body";

export const metadata = { title: "通报" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * SPEC §7 `/admin/reports` (bureau, article 23 ¶2): the 通报 of a month, a quarter or any days (in
 * the URL), with 导出 Excel (the same figures as xlsx) and a print view on A4.
 */
export default async function Reports({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, one(v)]));
  return adminPage(
    async ({ caller, deps }) => {
      const today = shanghaiDate(deps.clock.now());
      const { period, error } = periodOf(raw, today);
      const report = await caller.reports.report({ from: period.from, to: period.to });
      const range = new URLSearchParams({ from: period.from, to: period.to });
      return (
        <main data-state="reports" className="max-w-6xl">
          <h1 className="text-2xl font-bold">通报</h1>
          <p className="mt-1 text-base text-stone-700">
            按统计期汇总全市“好差评”情况：单位排名、差评较多的事项和标签、逾期和重开的工单、申诉处理（第二十三条）。
          </p>
          {error && (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
              统计期有误，已显示本月：{error}
            </p>
          )}
          <PeriodPicker period={period} today={today} />
          <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-xl font-bold">{reportTitle(period.title)}</h2>
            <div className="flex flex-wrap gap-2">
              <a
                href={`/admin/reports/export?${range}`}
                className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-700 bg-white px-4 text-base font-semibold"
              >
                导出 Excel
              </a>
              <a
                href={`/admin/reports/print?${range}`}
                className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 text-base font-bold text-white"
              >
                打印版（A4）
              </a>
            </div>
          </div>
          <p className="text-sm text-stone-600">
            统计期 {period.from} 至 {period.to}
          </p>
          <ReportBody report={report} />
        </main>
      );
    },
    { bureauOnly: true },
  );
}
