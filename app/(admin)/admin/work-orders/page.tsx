import Link from "next/link";

import { type TWorkOrderRow, ZWorkOrderQuery } from "@/server/workorders/desk.schema";
import { STATUS_WORD, WORK_ORDER_STATUSES } from "@/server/workorders/workorders.rules";

import { adminPage } from "../_components/admin-page";
import { BasisBadge } from "../_components/basis-badge";
import { PlacePickers } from "../_components/code-picker";
import { dueDay, LEVEL_WORD, when } from "../_components/format";
import { DateRange, FilterActions, Pager, RecordList } from "../_components/record-list";
import { firstValues, keptQuery, type Search } from "../_components/search";

export const metadata = { title: "差评工单" };

function StatusBadge({ row }: { row: TWorkOrderRow }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className="rounded-md bg-stone-200 px-2 py-0.5 text-sm">{STATUS_WORD[row.status]}</span>
      {row.overdue && (
        <span className="rounded-md bg-red-700 px-2 py-0.5 text-sm font-bold text-white">逾期</span>
      )}
      {row.basis === "service" && <BasisBadge />}
    </span>
  );
}

const subject = (r: TWorkOrderRow) => r.serialNo ?? (r.callId ? `12345 来电 ${r.callId}` : r.id);
const who = (r: TWorkOrderRow) => [r.windowCode, r.staffName].filter(Boolean).join(" · ") || "—";

/** SPEC §7 `/admin/work-orders`: my scope's orders, overdue first then by deadline; filters and pages live in the URL. */
export default async function WorkOrders({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = firstValues(await searchParams);
  const parsed = ZWorkOrderQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : ZWorkOrderQuery.parse({});
  return adminPage(async ({ caller }) => {
    const [page, picks] = await Promise.all([caller.workOrders.list(q), caller.catalog.picks()]);
    const nextHref = page.next ? `?${keptQuery(raw, { after: page.next })}` : null;
    const field =
      "mt-1 block min-h-11 w-full rounded-lg border-2 border-stone-400 bg-white px-2 text-base";
    return (
      <main data-state="work-orders" className="max-w-6xl">
        <h1 className="text-2xl font-bold">差评工单</h1>
        {!parsed.success && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-red-800">
            筛选条件有误，已显示全部工单：{parsed.error.issues[0]?.message}
          </p>
        )}
        <form
          method="get"
          className="mt-4 grid grid-cols-2 gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 md:grid-cols-4 xl:grid-cols-[repeat(4,minmax(0,1fr))_repeat(2,minmax(10.5rem,1.2fr))_auto]"
          aria-label="筛选工单"
        >
          <label className="text-sm font-medium">
            状态
            <select name="status" defaultValue={q.status ?? ""} className={field}>
              <option value="">全部</option>
              <option value="overdue">逾期</option>
              {WORK_ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_WORD[s]}
                </option>
              ))}
            </select>
          </label>
          <PlacePickers picks={picks} q={q} field={field} />
          <DateRange from={q.from} to={q.to} field={field} />
          <FilterActions clear="/admin/work-orders" />
        </form>
        <RecordList
          rows={page.rows}
          heads={[
            "办件流水号",
            "事项",
            "单位",
            "窗口 · 人员",
            "评价",
            "状态",
            "生成时间",
            "办结期限",
          ]}
          empty="没有符合条件的工单。"
          rowClass={(r) => (r.overdue ? "bg-red-50" : undefined)}
          card={(r) => (
            <Link
              href={`/admin/work-orders/${r.id}`}
              className={`block rounded-xl bg-white p-4 shadow-sm ring-1 ${r.overdue ? "ring-red-400" : "ring-stone-200"}`}
            >
              <span className="flex items-start justify-between gap-2">
                <span className="font-mono text-base font-semibold break-all">{subject(r)}</span>
                <StatusBadge row={r} />
              </span>
              <span className="mt-1 block text-base">{r.itemName ?? "12345 热线"}</span>
              <span className="mt-1 block text-sm text-stone-600">
                {r.orgName ?? "—"} · {who(r)} · {r.level ? LEVEL_WORD[r.level] : "—"}
              </span>
              <span className="mt-1 block text-sm text-stone-600">截止 {dueDay(r.dueAt)}</span>
            </Link>
          )}
          cells={(r) => [
            <Link
              key="s"
              href={`/admin/work-orders/${r.id}`}
              className="font-mono font-semibold text-brand underline"
            >
              {subject(r)}
            </Link>,
            r.itemName ?? "12345 热线",
            r.orgName ?? "—",
            who(r),
            r.level ? LEVEL_WORD[r.level] : "—",
            <StatusBadge key="b" row={r} />,
            <span key="c" className="tabular-nums">
              {when(r.createdAt)}
            </span>,
            <span key="d" className="tabular-nums">
              {dueDay(r.dueAt)}
            </span>,
          ]}
        />
        <Pager first={q.after ? "/admin/work-orders" : null} next={nextHref} />
      </main>
    );
  });
}
