import Link from "next/link";

import { adminPage } from "../../_components/admin-page";
import { BasisBadge } from "../../_components/basis-badge";
import { Fact } from "../../_components/fact";
import { dueDay, when } from "../../_components/format";
import { AppendedNote, ScoreList } from "../../_components/score-list";
import { MarkForm, RecordForm, RevealForm, SuperviseForm } from "./desk-forms";

export const metadata = { title: "工单" };

const STAGE = { receipt: "收件评价", completion: "办结评价", call: "12345 来电评价" } as const;

/** SPEC §7 `/admin/work-orders/<id>`: the rating, the case, window and staff, the rater (masked), the deadline, one timeline, the form. */
export default async function WorkOrder({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return adminPage(async ({ caller, session }) => {
    const wo = await caller.workOrders.detail({ id });
    // article 22: the service part's appeal, if any (不予采纳 once adopted); null when the rating is not appealable in my scope
    const appeal = await caller.appeals.rating({ ratingId: wo.rating.id }).catch(() => null);
    const deadline = wo.ended
      ? `${dueDay(wo.dueAt)}（已结束）`
      : wo.overdue
        ? `${dueDay(wo.dueAt)} 24:00，已逾期`
        : wo.workingDaysLeft
          ? `${dueDay(wo.dueAt)} 24:00，剩余 ${wo.workingDaysLeft} 个工作日`
          : `${dueDay(wo.dueAt)} 24:00，今日到期`;
    return (
      <main data-state="work-order" className="max-w-6xl">
        <Link
          href="/admin/work-orders"
          className="inline-flex min-h-11 items-center text-base text-brand underline"
        >
          ← 返回工单列表
        </Link>
        <header className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">工单 {wo.case?.serialNo ?? wo.call?.callId}</h1>
          <span
            data-status={wo.status}
            className={`rounded-md px-2 py-1 text-base font-semibold ${wo.ended ? "bg-stone-200" : "bg-amber-100 text-amber-900"}`}
          >
            {wo.statusWord}
          </span>
          {wo.overdue && (
            <span className="rounded-md bg-red-700 px-2 py-1 text-base font-bold text-white">
              逾期
            </span>
          )}
          {wo.basis === "service" && <BasisBadge large />}
        </header>
        <div className="mt-4 grid gap-5 lg:grid-cols-[1fr_24rem]">
          <div className="space-y-5">
            <section
              aria-labelledby="rating"
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <h2 id="rating" className="text-lg font-semibold">
                评价 · {STAGE[wo.rating.stage]} · {when(wo.rating.createdAt)}
                {appeal?.notAdopted && (
                  <span
                    data-mark="not_adopted"
                    className="ml-2 rounded-md bg-stone-800 px-2 py-0.5 text-base font-bold text-white"
                  >
                    服务评价不予采纳
                  </span>
                )}
              </h2>
              <ScoreList scores={wo.rating.scores} notAdopted={appeal?.notAdopted} />
              {wo.appended && <AppendedNote appended={wo.appended} />}
              {appeal && appeal.appealable.length > 0 && (
                <p className="mt-3 text-base">
                  {appeal.existingAppealId ? (
                    <Link
                      className="text-brand underline"
                      href={`/admin/appeals/${appeal.existingAppealId}`}
                    >
                      查看申诉
                    </Link>
                  ) : session.role === "org_admin" ? (
                    <Link
                      className="inline-flex min-h-11 items-center text-brand underline"
                      href={`/admin/appeals?rating=${wo.rating.id}`}
                    >
                      对服务评价提出申诉
                    </Link>
                  ) : null}
                </p>
              )}
              <MarkForm targetKind="work_order" targetId={wo.id} />
            </section>
            <section
              aria-labelledby="timeline"
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
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
            {!wo.ended && session.role === "bureau" && <SuperviseForm id={wo.id} />}
          </div>
          <aside className="space-y-5">
            <section
              aria-labelledby="facts"
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <h2 id="facts" className="text-lg font-semibold">
                办件
              </h2>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
                <Fact label="办结期限">{deadline}</Fact>
                {wo.case && (
                  <>
                    <Fact label="办件流水号">
                      <span className="font-mono">{wo.case.serialNo}</span>
                    </Fact>
                    <Fact label="事项">
                      {wo.case.itemName}（{wo.case.itemCode}）
                    </Fact>
                    <Fact label="单位">{wo.case.orgName}</Fact>
                  </>
                )}
                {wo.call && (
                  <Fact label="12345 来电">{`${wo.call.callId} · 话务员 ${wo.call.operatorNo}`}</Fact>
                )}
                <Fact label="窗口">{wo.window ? `${wo.window.code} ${wo.window.name}` : "—"}</Fact>
                <Fact label="工作人员">
                  {wo.staff ? `${wo.staff.name}（${wo.staff.staffNo}）` : "—"}
                </Fact>
              </dl>
            </section>
            <section
              aria-labelledby="rater"
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <h2 id="rater" className="text-lg font-semibold">
                评价人
              </h2>
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-base">
                <Fact label="姓名">{wo.rater.name ?? "—"}</Fact>
                <Fact label="手机">{wo.rater.phone ?? "—"}</Fact>
              </dl>
              <p className="mt-2 text-sm text-stone-600">
                {wo.rater.consent
                  ? "评价人同意回访，可通过登记的手机联系。"
                  : "评价人未同意回访，信息已隐藏。"}
              </p>
              {!wo.rater.consent && <RevealForm id={wo.id} />}
            </section>
          </aside>
        </div>
      </main>
    );
  });
}
