import Link from "next/link";
import { ZWorkOrderQuery, type TWorkOrderRow } from "@/server/workorders/desk.schema";
import { STATUS_WORD, WORK_ORDER_STATUSES } from "@/server/workorders/workorders.rules";
import { adminPage } from "../_components/admin-page";
import { BasisBadge } from "../_components/basis-badge";
import { dueDay, LEVEL_WORD, when } from "../_components/format";

export const metadata = { title: "差评工单" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function StatusBadge({ row }: { row: TWorkOrderRow }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className="rounded-md bg-stone-200 px-2 py-0.5 text-sm">{STATUS_WORD[row.status]}</span>
      {row.overdue && <span className="rounded-md bg-red-700 px-2 py-0.5 text-sm font-bold text-white">逾期</span>}
      {row.basis === "service" && <BasisBadge />}
    </span>
  );
}

const subject = (r: TWorkOrderRow) => r.serialNo ?? (r.callId ? `12345 来电 ${r.callId}` : r.id);
const who = (r: TWorkOrderRow) => [r.windowCode, r.staffName].filter(Boolean).join(" · ") || "—";

/** SPEC §7 `/admin/work-orders`: my scope's orders, overdue first then by deadline; filters and pages live in the URL. */
export default async function WorkOrders({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, one(v)]));
  const parsed = ZWorkOrderQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : ZWorkOrderQuery.parse({});
  return adminPage(async ({ caller }) => {
    const page = await caller.workOrders.list(q);
    const nextHref = page.next
      ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => !!e[1] && e[0] !== "after")), after: page.next })}`
      : null;
    const field = "mt-1 block min-h-11 w-full rounded-lg border-2 border-stone-400 bg-white px-2 text-base";
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
          <label className="text-sm font-medium">
            单位编码
            <input name="org" defaultValue={q.org ?? ""} className={field} placeholder="440781101" />
          </label>
          <label className="text-sm font-medium">
            事项编码
            <input name="item" defaultValue={q.item ?? ""} className={field} />
          </label>
          <label className="text-sm font-medium">
            窗口
            <input name="window" defaultValue={q.window ?? ""} className={field} />
          </label>
          <label className="text-sm font-medium">
            起始日期
            <input type="date" name="from" defaultValue={q.from ?? ""} className={field} />
          </label>
          <label className="text-sm font-medium">
            截止日期
            <input type="date" name="to" defaultValue={q.to ?? ""} className={field} />
          </label>
          <div className="col-span-2 flex items-end gap-2 md:col-span-1">
            <button type="submit" className="min-h-11 flex-1 rounded-lg bg-stone-900 px-3 text-base font-bold text-white">
              筛选
            </button>
            <Link href="/admin/work-orders" className="inline-flex min-h-11 items-center rounded-lg px-2 text-base underline">
              清除
            </Link>
          </div>
        </form>
        {page.rows.length === 0 ? (
          <p className="mt-6 rounded-xl bg-white p-6 text-base text-stone-700 ring-1 ring-stone-200">没有符合条件的工单。</p>
        ) : (
          <>
            <ul className="mt-4 space-y-3 md:hidden">
              {page.rows.map((r) => (
                <li key={r.id}>
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
                </li>
              ))}
            </ul>
            <table className="mt-4 hidden w-full border-separate border-spacing-0 overflow-hidden rounded-xl bg-white text-left text-base shadow-sm ring-1 ring-stone-200 md:table">
              <thead className="bg-stone-50 text-sm text-stone-600">
                <tr>
                  {["办件流水号", "事项", "单位", "窗口 · 人员", "评价", "状态", "生成时间", "办结期限"].map((h) => (
                    <th key={h} scope="col" className="border-b border-stone-200 px-3 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <tr key={r.id} className={r.overdue ? "bg-red-50" : undefined}>
                    <td className="border-b border-stone-100 px-3 py-2">
                      <Link href={`/admin/work-orders/${r.id}`} className="font-mono font-semibold text-brand underline">
                        {subject(r)}
                      </Link>
                    </td>
                    <td className="border-b border-stone-100 px-3 py-2">{r.itemName ?? "12345 热线"}</td>
                    <td className="border-b border-stone-100 px-3 py-2">{r.orgName ?? "—"}</td>
                    <td className="border-b border-stone-100 px-3 py-2">{who(r)}</td>
                    <td className="border-b border-stone-100 px-3 py-2">{r.level ? LEVEL_WORD[r.level] : "—"}</td>
                    <td className="border-b border-stone-100 px-3 py-2">
                      <StatusBadge row={r} />
                    </td>
                    <td className="border-b border-stone-100 px-3 py-2 tabular-nums">{when(r.createdAt)}</td>
                    <td className="border-b border-stone-100 px-3 py-2 tabular-nums">{dueDay(r.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <nav aria-label="翻页" className="mt-4 flex gap-3">
          {q.after && (
            <Link href="/admin/work-orders" className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-700 px-4 text-base">
              回到第一页
            </Link>
          )}
          {nextHref && (
            <Link href={nextHref} className="inline-flex min-h-11 items-center rounded-lg bg-stone-900 px-4 text-base font-bold text-white">
              下一页
            </Link>
          )}
        </nav>
      </main>
    );
  });
}
