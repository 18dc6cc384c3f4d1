import type { ProviderHealth } from "@/server/sms/sms.health";

import { Table } from "../_components/manage-nav";

export const PROVIDER_NAME: Record<string, string> = {
  http: "本市短信网关",
  aliyun: "阿里云短信",
  tencent: "腾讯云短信",
};
const TEMPLATE: Record<string, string> = {
  otp: "验证码",
  invite: "评价邀请",
  reminder: "评价提醒",
  task: "工单待办",
  supervise: "督办",
};
const RESULT: Record<string, string> = {
  accepted: "平台已接收",
  refused: "平台拒收",
  failed: "平台故障",
};

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Each SMS platform's last 24 h (SPEC §6): who delivered, who failed and how often. */
export function SmsHealth({
  health,
}: {
  health: {
    providers: ProviderHealth[];
    byTemplate: { template: string; result: string; n: number }[];
  };
}) {
  return (
    <section
      aria-labelledby="sms-health"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="sms-health" className="text-lg font-bold">
        短信平台（近 24 小时）
      </h2>
      {health.providers.length === 0 ? (
        <p className="mt-2 text-base text-stone-700">近 24 小时没有经短信平台发送的短信。</p>
      ) : (
        <>
          <Table
            head={["平台", "发送次数", "已接收", "拒收（号码或模板）", "平台故障", "故障率"]}
            rows={health.providers.map((p) => [
              PROVIDER_NAME[p.provider] ?? p.provider,
              p.tries,
              p.accepted,
              p.refused,
              p.failed,
              percent(p.failureRate),
            ])}
          />
          <Table
            head={["短信模板", "结果", "条数"]}
            rows={health.byTemplate.map((t) => [
              TEMPLATE[t.template] ?? t.template,
              RESULT[t.result] ?? t.result,
              t.n,
            ])}
          />
        </>
      )}
    </section>
  );
}
