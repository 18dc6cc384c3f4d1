import Link from "next/link";
import { adminPage } from "../../_components/admin-page";
import { BasisBadge } from "../../_components/basis-badge";
import { dueDay, LEVEL_WORD, when } from "../../_components/format";
import { MarkForm, RecordForm, RevealForm } from "./desk-forms";

export const metadata = { title: "工单" };

const STAGE = { receipt: "收件评价", completion: "办结评价", call: "12345 来电评价" } as const;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-stone-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** SPEC §7 `/admin/work-orders/<id>`: the rating, the case, window and staff, the rater (masked), the deadline, one timeline, the form. */
export default async function WorkOrder({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return adminPage(async ({ caller, session }) => {
    const wo = await caller.workOrders.detail({ id });
    // article 22: the service part's appeal, if any (不予采纳 once adopted); null when the rating is not appealable in my scope
    const appeal = await caller.appeals.rating({ ratingId: wo.rating.id }).catch(() => null);
    const SERVICE = new Set(["服务态度", "服务能力"]);
    const deadline = wo.ended
      ? `${dueDay(wo.dueAt)}（已结束）`
      : wo.overdue
        ? `${dueDay(wo.dueAt)} 24:00，已逾期`
        : wo.workingDaysLeft
          ? `${dueDay(wo.dueAt)} 24:00，剩余 ${wo.workingDaysLeft} 个工作日`
          : `${dueDay(wo.dueAt)} 24:00，今日到期`;
    return (
      <main data-state="work-order" className="max-w-6xl">
        <Link href="/admin/work-orders" className="inline-flex min-h-11 items-center text-base text-brand underline">
          ← 返回工单列表
        </Link>
        <header className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">工单 {wo.case?.serialNo ?? wo.call?.callId}</h1>
          <span data-status={wo.status} className={`rounded-md px-2 py-1 text-base font-semibold ${wo.ended ? "bg-stone-200" : "bg-amber-100 text-amber-900"}`}>
            {wo.statusWord}
          </span>
          {wo.overdue && <span className="rounded-md bg-red-700 px-2 py-1 text-base font-bold text-white">逾期</span>}
          {wo.basis === "service" && <BasisBadge large />}
        </header>
        <div className="mt-4 grid gap-5 lg:grid-cols-[1fr_24rem]">
          <div className="space-y-5">
            <section aria-labelledby="rating" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 id="rating" className="text-lg font-semibold">
                评价 · {STAGE[wo.rating.stage]} · {when(wo.rating.createdAt)}
                {appeal?.notAdopted && (
                  <span data-mark="not_adopted" className="ml-2 rounded-md bg-stone-800 px-2 py-0.5 text-base font-bold text-white">
                    服务评价不予采纳
                  </span>
                )}
              </h2>
              <ul className="mt-3 space-y-3">
                {wo.rating.scores.map((s) => (
                  <li key={s.indicator} className="border-l-4 border-stone-300 pl-3">
                    <p className="text-base">
                      <span className="font-semibold">{s.indicator}</span>：
                      <span className={s.level === "unsatisfied" || s.level === "very_unsatisfied" ? "font-bold text-red-800" : ""}>{LEVEL_WORD[s.level]}</span>
                      {appeal?.notAdopted && SERVICE.has(s.indicator) && <span className="ml-2 rounded bg-stone-800 px-1 text-sm text-white">不予采纳</span>}
                    </p>
                    {s.tags.length > 0 && <p className="text-base text-stone-700">标签：{s.tags.join("；")}</p>}
                    {s.text && <p className="mt-1 rounded-lg bg-stone-50 p-2 text-base">不满意原因：{s.text}</p>}
                  </li>
                ))}
              </ul>
              {wo.appended && (
                <div data-appended className="mt-3 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
                  <p className="text-base font-semibold">
                    追加评价 · {when(wo.appended.createdAt)}
                    {wo.appended.level && <span className={wo.appended.bad ? "ml-2 font-bold text-red-800" : "ml-2"}>{LEVEL_WORD[wo.appended.level]}</span>}
                  </p>
                  <p className="mt-1 text-base">{wo.appended.text}</p>
                </div>
              )}
              {appeal && appeal.appealable.length > 0 && (
                <p className="mt-3 text-base">
                  {appeal.existingAppealId ? (
                    <Link className="text-brand underline" href={`/admin/appeals/${appeal.existingAppealId}`}>
                      查看申诉
                    </Link>
                  ) : session.role === "org_admin" ? (
                    <Link className="inline-flex min-h-11 items-center text-brand underline" href={`/admin/appeals?rating=${wo.rating.id}`}>
                      对服务评价提出申诉
                    </Link>
                  ) : null}
                </p>
              )}
              <MarkForm targetKind="work_order" targetId={wo.id} />
            </section>
            <section aria-labelledby="timeline" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 id="timeline" className="text-lg font-semibold">
                处理过程
              </h2>
              <ol className="mt-3 space-y-3">
                {wo.timeline.map((e, i) => (
                  <li key={i} className="border-l-4 border-brand/60 pl-3">
                    <p className="text-sm text-stone-600 tabular-nums">
                      {when(e.at)}
                      {e.by ? ` · ${e.by}` : ""}
                    </p>
                    <p className="text-base font-semibold">{e.title}</p>
                    {e.lines.map((l, j) => (
                      <p key={j} className="text-base text-stone-800">
                        {l}
                      </p>
                    ))}
                  </li>
                ))}
              </ol>
            </section>
            {!wo.ended && <RecordForm id={wo.id} />}
          </div>
          <aside className="space-y-5">
            <section aria-labelledby="facts" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 id="facts" className="text-lg font-semibold">
                办件
              </h2>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
                <Row label="办结期限">{deadline}</Row>
                {wo.case && (
                  <>
                    <Row label="办件流水号">
                      <span className="font-mono">{wo.case.serialNo}</span>
                    </Row>
                    <Row label="事项">
                      {wo.case.itemName}（{wo.case.itemCode}）
                    </Row>
                    <Row label="单位">{wo.case.orgName}</Row>
                  </>
                )}
                {wo.call && <Row label="12345 来电">{`${wo.call.callId} · 话务员 ${wo.call.operatorNo}`}</Row>}
                <Row label="窗口">{wo.window ? `${wo.window.code} ${wo.window.name}` : "—"}</Row>
                <Row label="工作人员">{wo.staff ? `${wo.staff.name}（${wo.staff.staffNo}）` : "—"}</Row>
              </dl>
            </section>
            <section aria-labelledby="rater" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 id="rater" className="text-lg font-semibold">
                评价人
              </h2>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
                <Row label="姓名">{wo.rater.name ?? "—"}</Row>
                <Row label="手机">{wo.rater.phone ?? "—"}</Row>
              </dl>
              <p className="mt-2 text-sm text-stone-600">{wo.rater.consent ? "评价人同意回访，可通过登记的手机联系。" : "评价人未同意回访，信息已隐藏。"}</p>
              {!wo.rater.consent && <RevealForm id={wo.id} />}
            </section>
          </aside>
        </div>
      </main>
    );
  });
}
