import type { RatingPage } from "@/server/ratings/page.service";
import { CaseHeaderCard } from "./case-header";
import { RatedView } from "./rated-view";
import { RatingForm } from "./rating-form";

const NOTICE: Record<string, string> = {
  not_completed: "这件事还没有办结。办结后即可评价，我们会发短信提醒您。",
  window_closed: "评价时间已过（办结后 7 天内可以评价）。按规定，逾期未评价的视为“非常满意”。",
  wrong_person: "您当前验证的身份不是这件事的申请人。请用申请人本人的手机验证后再评价。",
  rated: "谢谢您的评价！您的评价已经记录。",
  not_open_receipt_failed: "窗口收件未成功，这件事不开放评价。",
  not_open_acceptance_failed: "这件事未被受理，不开放评价。",
};

/** Everything under the page title: a scanned code's state, its case, stored ratings and the form. */
export function RatingBody({ page, token }: { page: RatingPage; token: string }) {
  return (
    <>
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
              “{page.header.theme.name}”包含 {page.header.theme.items.length}{" "}
              个事项。可以只作总体评价直接提交，也可以展开分别评价各个事项。
            </p>
          )}
          {page.stage && page.header.batch && (
            <p className="mt-4 rounded-xl bg-sky-50 p-4 text-lg ring-1 ring-sky-300">
              您这次一起办理了 {page.header.batch.length} 件同一事项的业务，只需评价一次，评价适用于全部{" "}
              {page.header.batch.length} 件。
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
    </>
  );
}
