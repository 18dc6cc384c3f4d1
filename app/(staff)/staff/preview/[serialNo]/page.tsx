import type { Metadata } from "next";

import { CaseHeaderCard } from "@/app/(citizen)/r/[token]/case-header";
import zhCN from "@/messages/zh-CN.json";
import { previewFor } from "@/server/auth/preview.service";

import { forStaff } from "../../staff-only";
import { PreviewFields } from "./preview-fields";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "预览评价页面", robots: { index: false } };

/**
 * What the applicant will see, for staff (SPEC §7): watermarked 预览, every control disabled and
 * no 提交评价 button. No code is minted into the page, and a staff session is refused by the
 * server on every rating path anyway (article 4).
 */
export default async function PreviewPage({ params }: { params: Promise<{ serialNo: string }> }) {
  const { serialNo } = await params;
  const view = await forStaff((deps, session) =>
    previewFor(deps, session, decodeURIComponent(serialNo)),
  );

  return (
    <main data-state="preview" className="relative mx-auto max-w-xl px-4 pt-4 pb-16">
      <div
        aria-hidden="true"
        className="pointer-events-none fixed inset-0 z-10 flex flex-col items-center justify-around overflow-hidden select-none"
      >
        {[0, 1, 2].map((i) => (
          <span
            key={i}
            className="-rotate-30 text-8xl font-black tracking-[0.5em] text-stone-900/10"
          >
            预览
          </span>
        ))}
      </div>
      <header className="mb-4 border-b-4 border-stone-500 pb-3">
        <p className="text-base text-stone-600">台山市政务服务 · 工作人员预览</p>
        <h1 className="text-2xl font-bold">预览：“好差评”服务评价</h1>
      </header>
      <p role="note" className="mb-4 rounded-xl bg-stone-200 p-4 text-base">
        这是申请人扫码后看到的评价页面（{view.stage === "receipt" ? "收件评价" : "办结评价"}
        ）。预览不能提交评价；工作人员不能代替申请人评价。
      </p>
      <CaseHeaderCard header={view.header} />
      {/* the staff pages are in 简体 only, and so is the preview */}
      <PreviewFields indicators={view.indicators} words={zhCN.client} />
      <p className="mt-6">
        <a href="/staff" className="inline-flex min-h-12 items-center text-base underline">
          返回工作台
        </a>
      </p>
    </main>
  );
}
