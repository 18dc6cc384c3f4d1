import type { Metadata } from "next";

import { receiptFor } from "@/server/auth/receipt.service";

import { forStaff } from "../../staff-only";
import { PrintBar } from "./print-bar";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "受理回执", robots: { index: false } };

const day = (ms: number) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "long" }).format(ms);
const when = (ms: number) =>
  new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(ms);

/** The two paper sizes a hall has: the 80 mm roll of a thermal printer and A4. */
const PAGE_CSS = {
  thermal:
    "@page { size: 80mm 170mm; margin: 4mm } .receipt { width: 72mm; font-size: 10pt } .receipt-qr { width: 44mm; height: 44mm }",
  a4: "@page { size: A4; margin: 18mm } .receipt { width: 174mm; font-size: 13pt } .receipt-qr { width: 60mm; height: 60mm }",
} as const;

/** 受理回执 with a static rating code, printed through the browser's print (print CSS, no plug-in). */
export default async function ReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ serialNo: string }>;
  searchParams: Promise<{ layout?: string }>;
}) {
  const [{ serialNo }, { layout: asked }] = await Promise.all([params, searchParams]);
  const layout = asked === "a4" ? "a4" : "thermal";
  const r = await forStaff((deps, session) =>
    receiptFor(deps, session, decodeURIComponent(serialNo)),
  );
  const rows: [string, string][] = [
    ["办理单位", r.orgName],
    [r.themeName ? "一件事" : "办理事项", r.themeName ?? r.itemName],
    ["办件流水号", r.batchSize ? `${r.serialNo}（同批共 ${r.batchSize} 件）` : r.serialNo],
    ["申请人", r.applicant],
    ["受理时间", when(r.at)],
  ];
  if (r.windowName) rows.push(["受理窗口", r.windowName]);
  if (r.staff) rows.push(["工作人员", r.staff]);

  return (
    <main data-state="receipt" data-layout={layout} className="mx-auto px-4 py-6 print:p-0">
      <style>{`${PAGE_CSS[layout]} @media print { body { background: #fff } }`}</style>
      <PrintBar serialNo={r.serialNo} layout={layout} />
      <article className="receipt mx-auto bg-white p-4 text-black shadow ring-1 ring-stone-300 print:p-0 print:shadow-none print:ring-0">
        <p className="text-center">台山市政务服务</p>
        <h1 className="text-center text-[1.6em] font-bold tracking-widest">受理回执</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 border-y border-black py-2">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd className="font-semibold break-all">{v}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-3 flex flex-col items-center text-center">
          {/* our own QR SVG, made on the server from a URL we signed */}
          <div
            className="receipt-qr [&>svg]:size-full"
            role="img"
            aria-label="扫码评价"
            dangerouslySetInnerHTML={{ __html: r.qr.svg }}
          />
          <p className="mt-1 text-[1.2em] font-bold">扫码评价</p>
          <p className="mt-1">
            请用手机扫描二维码，对本次服务作出评价。收件后可评价收件服务；办结后 7
            天内可评价办理情况。
          </p>
          <p className="mt-1 text-[0.85em]">评价码有效期至 {day(Date.parse(r.qr.expiresAt))}</p>
        </div>
        <p className="mt-3 text-[0.85em]">您的评价由申请人本人实名作出，工作人员不能代为评价。</p>
      </article>
    </main>
  );
}
