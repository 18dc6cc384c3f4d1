import Link from "next/link";

import { CHANNEL_WORD } from "@/server/ratingdesk/ratingdesk.schema";

import { adminPage } from "../../_components/admin-page";
import { BasisBadge } from "../../_components/basis-badge";
import { Fact } from "../../_components/fact";
import { when } from "../../_components/format";
import { AppendedNote, isServiceBad, ScoreList } from "../../_components/score-list";
import { MarkForm, RevealForm } from "../../work-orders/[id]/desk-forms";

export const metadata = { title: "评价" };

const STAGE = { receipt: "收件评价", completion: "办结评价", call: "12345 来电评价" } as const;
const APPEAL_WORD = {
  adopted: "已采纳（服务评价不予采纳）",
  rejected: "已驳回",
  pending: "待裁定",
} as const;
const card = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200";

/**
 * SPEC §7 `/admin/ratings/<id>`: the rating's parts, the 追加评价, the case, window and staff, the
 * rater masked, its order, appeals and flags; 对服务评价提出申诉 when its service part is 差评 and
 * no appeal of it exists. Another scope's rating is not found.
 */
export default async function Rating({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return adminPage(async ({ caller, session }) => {
    const r = await caller.ratingDesk.detail({ id });
    // article 22: the appeal form, filled, for an org admin whose staff's service part is 差评 and not yet appealed
    const appealable = await caller.appeals.rating({ ratingId: r.id }).catch(() => null);
    const canAppeal =
      session.role === "org_admin" &&
      isServiceBad(r.scores) &&
      r.appeals.length === 0 &&
      (appealable?.appealable.length ?? 0) > 0;
    return (
      <main data-state="rating" className="max-w-6xl">
        <Link
          href="/admin/ratings"
          className="inline-flex min-h-11 items-center text-base text-brand underline"
        >
          ← 返回评价记录
        </Link>
        <header className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold break-all">评价 {r.case?.serialNo ?? r.callId}</h1>
          {r.source === "default" && (
            <span className="rounded-md bg-stone-200 px-2 py-1 text-base">默认评价</span>
          )}
          {r.workOrder?.basis === "service" && <BasisBadge large />}
        </header>
        <div className="mt-4 grid gap-5 lg:grid-cols-[1fr_24rem]">
          <div className="min-w-0 space-y-5">
            <section aria-labelledby="parts" className={card}>
              <h2 id="parts" className="text-lg font-semibold">
                {STAGE[r.stage]} ·{" "}
                {CHANNEL_WORD[r.channel as keyof typeof CHANNEL_WORD] ?? r.channel} ·{" "}
                {when(r.createdAt)}
              </h2>
              <ScoreList scores={r.scores} notAdopted={appealable?.notAdopted} />
              {r.appended && <AppendedNote appended={r.appended} />}
              {canAppeal && (
                <p className="mt-3">
                  <Link
                    href={`/admin/appeals?rating=${r.id}`}
                    className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 text-base font-bold text-white"
                  >
                    对服务评价提出申诉
                  </Link>
                </p>
              )}
              <MarkForm targetKind="rating" targetId={r.id} />
            </section>
            <section aria-labelledby="follow" className={card}>
              <h2 id="follow" className="text-lg font-semibold">
                工单与申诉
              </h2>
              <ul className="mt-2 space-y-2 text-base">
                <li>
                  {r.workOrder ? (
                    <Link
                      href={`/admin/work-orders/${r.workOrder.id}`}
                      className="inline-flex min-h-11 items-center text-brand underline"
                    >
                      {r.workOrder.basisWord}工单 · {r.workOrder.statusWord}
                    </Link>
                  ) : (
                    "没有差评工单"
                  )}
                </li>
                {r.appeals.map((a) => (
                  <li key={a.id}>
                    <Link
                      href={`/admin/appeals/${a.id}`}
                      className="inline-flex min-h-11 items-center text-brand underline"
                    >
                      申诉（{when(a.filedAt)}，{a.filedByName}）·{" "}
                      {APPEAL_WORD[a.outcome ?? "pending"]}
                    </Link>
                  </li>
                ))}
                {r.misconductMarks > 0 && <li>已标记涉嫌违纪违法 {r.misconductMarks} 次</li>}
                {r.flags.map((f) => (
                  <li key={f.id}>
                    疑似诱导评价（{f.kind === "device" ? "同一设备多人评价" : "办结后即时好评"}，
                    {f.day}）{f.reviewed ? "· 已核查" : "· 待核查"}
                  </li>
                ))}
              </ul>
            </section>
          </div>
          <aside className="min-w-0 space-y-5">
            <section aria-labelledby="facts" className={card}>
              <h2 id="facts" className="text-lg font-semibold">
                办件
              </h2>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
                {r.case && (
                  <>
                    <Fact label="办件流水号">
                      <span className="font-mono">{r.case.serialNo}</span>
                    </Fact>
                    <Fact label="事项">
                      {r.case.itemName}（{r.case.itemCode}）
                    </Fact>
                    <Fact label="单位">{r.case.orgName}</Fact>
                  </>
                )}
                {r.callId && <Fact label="12345 来电">{r.callId}</Fact>}
                <Fact label="窗口">{r.window ? `${r.window.code} ${r.window.name}` : "—"}</Fact>
                <Fact label="工作人员">
                  {r.staff ? `${r.staff.name}（${r.staff.staffNo}）` : "—"}
                </Fact>
              </dl>
            </section>
            <section aria-labelledby="rater" className={card}>
              <h2 id="rater" className="text-lg font-semibold">
                评价人
              </h2>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
                <Fact label="姓名">{r.rater.name ?? "—"}</Fact>
                <Fact label="手机">{r.rater.phone ?? "—"}</Fact>
              </dl>
              {!r.rater.consent && (r.rater.name || r.rater.phone) && (
                <RevealForm id={r.id} of="ratingDesk" />
              )}
            </section>
          </aside>
        </div>
      </main>
    );
  });
}
