import Link from "next/link";

import { indicatorName } from "@/server/ratings/vocabulary";

import { adminPage } from "../../_components/admin-page";
import { LEVEL_WORD, when } from "../../_components/format";
import { DecideForm } from "../appeal-forms";

export const metadata = { title: "申诉" };

const STATUS_WORD = { pending: "待决定", adopted: "已采纳", rejected: "已驳回" } as const;
const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/** One appeal: the rating's service part, the reason, the evidence (downloads), the decision or the bureau's form. */
export default async function Appeal({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return adminPage(async ({ caller, session }) => {
    const a = await caller.appeals.get({ id });
    const r = a.rating;
    return (
      <main data-state="appeals" className="max-w-5xl">
        <Link
          href="/admin/appeals"
          className="inline-flex min-h-11 items-center text-base text-brand underline"
        >
          ← 返回申诉列表
        </Link>
        <header className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">
            申诉 ·{" "}
            {r.staffName ? `${r.staffName}（${r.staffNo}）` : `12345 接线员 ${r.operatorNo ?? ""}`}
          </h1>
          <span
            data-status={a.status}
            className="rounded-md bg-stone-200 px-2 py-1 text-base font-semibold"
          >
            {STATUS_WORD[a.status]}
          </span>
          {r.notAdopted && (
            <span className="rounded-md bg-stone-800 px-2 py-1 text-base font-bold text-white">
              不予采纳
            </span>
          )}
        </header>
        <div className="mt-4 grid gap-5 lg:grid-cols-[1fr_22rem]">
          <div className="space-y-5">
            <section
              aria-labelledby="rating"
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <h2 id="rating" className="text-lg font-semibold">
                评价 {r.serialNo ?? ""} · {r.itemName ?? "12345 来电"} · {when(r.createdAt)}
              </h2>
              <ul className="mt-2 space-y-1">
                {r.scores.map((s) => (
                  <li key={s.indicatorCode} className="text-base">
                    <span className="font-semibold">{indicatorName(s.indicatorCode)}</span>：
                    {LEVEL_WORD[s.level] ?? s.level}
                    {a.indicators.includes(s.indicatorCode) && (
                      <span className="ml-2 rounded bg-amber-100 px-1 text-sm text-amber-900">
                        申诉
                      </span>
                    )}
                    {r.notAdopted && s.group === "service" && (
                      <span className="ml-2 rounded bg-stone-800 px-1 text-sm text-white">
                        不予采纳
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
            <section
              aria-labelledby="reason"
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <h2 id="reason" className="text-lg font-semibold">
                申诉理由
              </h2>
              <p className="mt-2 text-sm text-stone-600">
                {a.filedByName} · {a.orgName} · {when(a.filedAt)}
              </p>
              <p className="mt-2 text-base whitespace-pre-wrap">{a.reason}</p>
              <h3 className="mt-4 text-base font-semibold">证明材料</h3>
              <ul className="mt-1 space-y-1">
                {a.files.map((f) => (
                  <li key={f.id}>
                    <a
                      className="inline-flex min-h-11 items-center text-base text-brand underline"
                      href={`/api/admin/appeals/${a.id}/files/${f.id}`}
                      download
                    >
                      {f.name}（{size(f.size)}）
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <aside className="space-y-5">
            {a.decision ? (
              <section
                aria-labelledby="decision"
                className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
              >
                <h2 id="decision" className="text-lg font-semibold">
                  决定：{a.decision.outcome === "adopted" ? "采纳" : "驳回"}
                </h2>
                <p className="mt-2 text-sm text-stone-600">
                  {a.decision.decidedByName} · {when(a.decision.decidedAt)}
                </p>
                <p className="mt-2 text-base whitespace-pre-wrap">{a.decision.reason}</p>
                {a.decision.outcome === "adopted" && (
                  <p className="mt-2 text-sm text-stone-700">
                    该评价的服务评价已标记为“不予采纳”，不计入工作人员和窗口的统计；评价本身保留。
                  </p>
                )}
              </section>
            ) : session.role === "bureau" ? (
              <DecideForm appealId={a.id} />
            ) : (
              <p className="rounded-xl bg-white p-4 text-base shadow-sm ring-1 ring-stone-200">
                等待市政务服务数据管理局决定。
              </p>
            )}
          </aside>
        </div>
      </main>
    );
  });
}
