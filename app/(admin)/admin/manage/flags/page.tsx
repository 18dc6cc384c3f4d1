import Link from "next/link";

import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ActionForm } from "../_components/action-form";
import { ManageFrame } from "../_components/manage-nav";

export const metadata = { title: "强迫评价线索" };

const KIND = {
  device: "同一设备为多位申请人评价",
  window_fast: "窗口办结后 60 秒内的非常满意占多数",
} as const;

/** Article 4 (SPEC §9): the coercion flags with their evidence (cases, times; raters masked), reviewed with a note. */
export default async function Flags({
  searchParams,
}: {
  searchParams: Promise<{ reviewed?: string }>;
}) {
  const sp = await searchParams;
  const reviewed = sp.reviewed === "1" ? true : sp.reviewed === "all" ? undefined : false;
  return adminPage(
    async ({ caller }) => {
      const flags = await caller.flags.list({ reviewed });
      return (
        <ManageFrame title="强迫评价线索（第四条）" current="/admin/manage/flags">
          <p className="text-base text-stone-700">
            线索只是供核查的证据，不会改变任何评价。评价人只以“申请人1、申请人2”表示。
          </p>
          <nav aria-label="筛选" className="flex gap-2">
            {(
              [
                ["", "待核查"],
                ["1", "已核查"],
                ["all", "全部"],
              ] as const
            ).map(([v, word]) => (
              <Link
                key={v}
                href={v ? `/admin/manage/flags?reviewed=${v}` : "/admin/manage/flags"}
                aria-current={(sp.reviewed ?? "") === v ? "page" : undefined}
                className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 ring-1 ring-stone-300 aria-[current=page]:bg-brand aria-[current=page]:text-white"
              >
                {word}
              </Link>
            ))}
          </nav>
          {flags.length === 0 && <p className="text-base text-stone-700">没有线索。</p>}
          {flags.map((f) => (
            <section key={f.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 className="text-lg font-semibold">
                {KIND[f.kind]} · {f.day}
                {f.windowName ? ` · ${f.windowName}` : ""}
              </h2>
              <p className="text-sm text-stone-600">发现于 {when(f.detectedAt)}</p>
              <ul className="mt-2 space-y-1 text-base tabular-nums">
                {f.evidence.ratings.map((r) => (
                  <li key={r.ratingId}>
                    办件 {r.serialNo ?? "—"} · 评价 {when(r.ratedAt)}
                    {r.completedAt ? ` · 办结 ${when(r.completedAt)} · 相隔 ${r.seconds} 秒` : ""}
                    {r.applicant ? ` · ${r.applicant}` : ""}
                  </li>
                ))}
              </ul>
              {f.reviewedAt ? (
                <p className="mt-2 rounded-lg bg-stone-50 p-2 text-base">
                  已核查（{f.reviewedBy}，{when(f.reviewedAt)}）：{f.reviewNote}
                </p>
              ) : (
                <div className="mt-3">
                  <ActionForm
                    path="flags.review"
                    fixed={{ id: f.id }}
                    fields={[{ name: "note", label: "核查说明", type: "textarea" }]}
                    submit="标记为已核查"
                  />
                </div>
              )}
            </section>
          ))}
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
