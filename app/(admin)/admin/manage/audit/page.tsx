import { shanghaiMidnight } from "@/server/time/shanghai";

import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "审计日志" };

type Search = Promise<{ actor?: string; action?: string; from?: string; to?: string }>;
const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** SPEC §9 access and audit: who, when, what, why; filtered by the URL; read-only (no one can edit it). */
export default async function Audit({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const from = day(sp.from);
  const to = day(sp.to);
  return adminPage(
    async ({ caller }) => {
      const rows = await caller.manage.audit.list({
        actor: sp.actor || undefined,
        action: sp.action || undefined,
        from: from ? shanghaiMidnight(from) : undefined,
        to: to ? shanghaiMidnight(to) + 86_400_000 : undefined,
      });
      const input = "mt-1 block rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";
      return (
        <ManageFrame title="审计日志" current="/admin/manage/audit">
          <form
            method="get"
            className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
          >
            <label className="text-base">
              操作人
              <input name="actor" defaultValue={sp.actor} className={input} />
            </label>
            <label className="text-base">
              操作（前缀，如 appeal.）
              <input name="action" defaultValue={sp.action} className={input} />
            </label>
            <label className="text-base">
              从
              <input type="date" name="from" defaultValue={from} className={input} />
            </label>
            <label className="text-base">
              到
              <input type="date" name="to" defaultValue={to} className={input} />
            </label>
            <button className="min-h-12 rounded-lg bg-brand px-5 text-base font-semibold text-white">
              筛选
            </button>
          </form>
          <Table
            head={["时间", "操作人", "操作", "对象", "原因", "详情"]}
            rows={rows.map((r) => [
              <span key="t" className="tabular-nums">
                {when(r.at)}
              </span>,
              r.actorName,
              <code key="a">{r.action}</code>,
              <code key="o" className="break-all">
                {r.target ?? "—"}
              </code>,
              r.reason ?? "—",
              <code key="d" className="text-sm break-all">
                {r.detail ? JSON.stringify(r.detail) : "—"}
              </code>,
            ])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
