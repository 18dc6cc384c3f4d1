import Link from "next/link";

import { periodOf } from "@/server/reports/report.period";
import { shanghaiDate } from "@/server/time/shanghai";

import { adminPage } from "../../_components/admin-page";
import { ReportBody, reportTitle } from "../report-body";
import { PrintButton } from "./print-button";

export const metadata = { title: "通报（打印）" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const longDate = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "long" });

/** A4 with margins; nothing but the 通报 on paper (the admin shell hides itself in print). */
const PAGE_CSS =
  "@page { size: A4; margin: 16mm 14mm } @media print { body, .min-h-dvh { background: #fff !important } }";

/** The 通报 laid out for A4 paper (or PDF): a title naming the period, the issuer and date, the same body as /admin/reports. */
export default async function ReportPrint({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, one(v)]));
  return adminPage(
    async ({ caller, deps }) => {
      const { period, error } = periodOf(raw, shanghaiDate(deps.clock.now()));
      const report = await caller.reports.report({ from: period.from, to: period.to });
      const back = `/admin/reports?${new URLSearchParams({ from: period.from, to: period.to })}`;
      return (
        <main data-state="reports" className="mx-auto max-w-[210mm] print:max-w-none">
          <style>{PAGE_CSS}</style>
          <nav aria-label="打印" className="mb-4 flex flex-wrap items-center gap-3 print:hidden">
            <Link href={back} className="inline-flex min-h-11 items-center text-base underline">
              返回通报
            </Link>
            <p className="text-sm text-stone-600">
              在打印对话框中选择 A4 纸、纵向；也可以“另存为 PDF”。
            </p>
            <span className="ml-auto">
              <PrintButton />
            </span>
          </nav>
          {error && (
            <p
              role="alert"
              className="mb-3 rounded-lg bg-red-50 p-3 text-base text-red-800 print:hidden"
            >
              统计期有误，已显示本月：{error}
            </p>
          )}
          <article className="bg-white px-[14mm] py-[16mm] text-black shadow ring-1 ring-stone-300 print:p-0 print:shadow-none print:ring-0">
            <h1 className="text-center text-2xl leading-snug font-bold print:text-[17pt]">
              {reportTitle(period.title)}
            </h1>
            <p className="mt-2 text-center text-base print:text-[11pt]">
              统计期：{period.from} 至 {period.to}
            </p>
            <p className="mt-1 text-right text-base print:text-[11pt]">
              台山市政务服务数据管理局
              <span className="ml-4">{longDate.format(report.generatedAt)}</span>
            </p>
            <ReportBody report={report} paper />
          </article>
        </main>
      );
    },
    { bureauOnly: true },
  );
}
