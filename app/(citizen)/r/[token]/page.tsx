import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getDeps } from "@/server/deps";
import { readSession, SESSION_COOKIE } from "@/server/identity/session";
import { ratingPage } from "@/server/ratings/page.service";
import { CaseHeaderCard } from "./case-header";
import { RatedView } from "./rated-view";
import { RatingForm } from "./rating-form";
import { TEXT_SIZE_COOKIE } from "../../_components/text-size";
import { TextSizeToggle } from "../../_components/text-size-toggle";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "服务评价", robots: { index: false } };

const NOTICE: Record<string, string> = {
  not_completed: "这件事还没有办结。办结后即可评价，我们会发短信提醒您。",
  window_closed: "评价时间已过（办结后 7 天内可以评价）。按规定，逾期未评价的视为“非常满意”。",
  wrong_person: "您当前验证的身份不是这件事的申请人。请用申请人本人的手机验证后再评价。",
  rated: "谢谢您的评价！您的评价已经记录。",
  not_open_receipt_failed: "窗口收件未成功，这件事不开放评价。",
  not_open_acceptance_failed: "这件事未被受理，不开放评价。",
};

export default async function RatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const deps = await getDeps();
  const jar = await cookies();
  const session = await readSession(deps, jar.get(SESSION_COOKIE)?.value);
  const page = await ratingPage(deps, token, session);

  return (
    <main data-state={page.state} className="mx-auto max-w-xl px-4 pt-4 pb-16">
      <header className="mb-4 flex items-end justify-between gap-3 border-b-4 border-brand pb-3">
        <div>
          <p className="text-base text-stone-600">台山市政务服务</p>
          <h1 className="text-2xl font-bold text-brand-dark">{page.state === "receipt" ? "收件服务评价" : "“好差评”服务评价"}</h1>
        </div>
        <TextSizeToggle initialLarge={jar.get(TEXT_SIZE_COOKIE)?.value === "large"} />
      </header>
      {"message" in page ? (
        <p role="status" className="rounded-xl bg-white p-4 text-lg ring-1 ring-stone-200">
          {page.message}
        </p>
      ) : (
        <>
          <CaseHeaderCard header={page.header} />
          {page.state === "not_open" && (
            <p role="status" className="mt-4 rounded-xl bg-amber-50 p-4 text-lg ring-1 ring-amber-300">
              {NOTICE[`not_open_${page.reason ?? "receipt_failed"}`]}
            </p>
          )}
          {page.state === "receipt" && page.shown.length > 0 && (
            <p role="status" className="mt-4 rounded-xl bg-emerald-50 p-4 text-lg ring-1 ring-emerald-300">
              谢谢您的评价！您还可以对收件窗口的服务作评价（选填）。
            </p>
          )}
          {NOTICE[page.state] && (
            <p role="status" className="mt-4 rounded-xl bg-amber-50 p-4 text-lg ring-1 ring-amber-300">
              {NOTICE[page.state]}
            </p>
          )}
          {page.shown.map((r) => (
            <div key={r.stage} className="mt-4">
              <RatedView rating={r} />
            </div>
          ))}
          {page.stage && page.header.theme && (
            <p className="mt-4 rounded-xl bg-sky-50 p-4 text-lg ring-1 ring-sky-300">
              “{page.header.theme.name}”包含 {page.header.theme.items.length} 个事项。可以只作总体评价直接提交，也可以展开分别评价各个事项。
            </p>
          )}
          {page.stage && page.header.batch && (
            <p className="mt-4 rounded-xl bg-sky-50 p-4 text-lg ring-1 ring-sky-300">
              您这次一起办理了 {page.header.batch.length} 件同一事项的业务，只需评价一次，评价适用于全部 {page.header.batch.length} 件。
            </p>
          )}
          {page.stage && (
            <RatingForm
              token={token}
              stage={page.stage}
              indicators={page.indicators}
              needsProof={page.needsProof}
              maskedPhone={page.maskedPhone}
              dynamic={page.dynamic}
              themeItems={page.header.theme?.items ?? null}
            />
          )}
        </>
      )}
    </main>
  );
}
