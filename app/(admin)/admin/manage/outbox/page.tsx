import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ActionForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";
import { PROVIDER_NAME, SmsHealth } from "./sms-health";

export const metadata = { title: "发件箱" };

const CHANNEL = { sms: "短信", hotline: "12345 工单", province: "省好差评推送" } as const;
const STATUS = { pending: "待发送", sent: "已送达", dead: "失败" } as const;
type Search = Promise<{ status?: string; channel?: string; record?: string }>;

/** The outbox: dead letters with their last error, retry one or all; any record's provincial push state. */
export default async function Outbox({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const status =
    sp.status === "pending" || sp.status === "sent"
      ? sp.status
      : sp.status === "all"
        ? undefined
        : "dead";
  const channel =
    sp.channel === "sms" || sp.channel === "hotline" || sp.channel === "province"
      ? sp.channel
      : undefined;
  return adminPage(
    async ({ caller }) => {
      const rows = await caller.manage.outbox.list({
        status: sp.record ? undefined : status,
        channel,
        record: sp.record || undefined,
      });
      const health = await caller.manage.outbox.smsHealth();
      const input = "mt-1 block rounded-lg border-2 border-stone-400 bg-white px-3 py-2 text-base";
      return (
        <ManageFrame title="发件箱" current="/admin/manage/outbox">
          <form
            method="get"
            className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
          >
            <label className="text-base">
              状态
              <select name="status" defaultValue={sp.status ?? "dead"} className={input}>
                <option value="dead">失败</option>
                <option value="pending">待发送</option>
                <option value="sent">已送达</option>
                <option value="all">全部</option>
              </select>
            </label>
            <label className="text-base">
              渠道
              <select name="channel" defaultValue={channel ?? ""} className={input}>
                <option value="">全部</option>
                <option value="province">省好差评推送</option>
                <option value="hotline">12345 工单</option>
                <option value="sms">短信</option>
              </select>
            </label>
            <label className="text-base">
              记录编号（评价或工单）
              <input name="record" defaultValue={sp.record} className={input} />
            </label>
            <button className="min-h-12 rounded-lg bg-brand px-5 text-base font-semibold text-white">
              查询
            </button>
          </form>
          {status === "dead" && rows.length > 0 && (
            <ActionForm
              path="manage.outbox.retry"
              fixed={channel ? { channel } : {}}
              submit={`全部重试（${rows.length} 条）`}
            />
          )}
          <SmsHealth health={health} />
          <Table
            head={["渠道", "记录", "状态", "尝试次数", "短信平台", "最后错误", "创建", "操作"]}
            rows={rows.map((r) => [
              <span key="ch" className="whitespace-nowrap">
                {CHANNEL[r.channel]}
              </span>,
              <code key="k" className="whitespace-nowrap">
                {r.dedupeKey}
              </code>,
              STATUS[r.status],
              r.attempts,
              r.provider ? (PROVIDER_NAME[r.provider] ?? r.provider) : "—",
              r.lastError ?? "—",
              <span key="c" className="tabular-nums">
                {when(r.createdAt)}
              </span>,
              r.status === "dead" ? (
                <ActionForm
                  key="r"
                  compact
                  path="manage.outbox.retry"
                  fixed={{ id: r.id }}
                  submit="重试"
                />
              ) : r.sentAt ? (
                `送达 ${when(r.sentAt)}`
              ) : (
                `下次 ${when(r.nextAttemptAt)}`
              ),
            ])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
