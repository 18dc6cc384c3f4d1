import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ActionForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "签名密钥" };
const STATUS = { active: "使用中", retired: "已轮换（仍可验证）", revoked: "已吊销" } as const;

/** QR signing keys (rotate: old keys verify until their codes expire; revoke a compromised key) and revoked codes. */
export default async function Keys() {
  return adminPage(
    async ({ caller }) => {
      const { keys, revocations } = await caller.manage.keys.list();
      return (
        <ManageFrame title="签名密钥与作废二维码" current="/admin/manage/keys">
          <ActionForm path="manage.keys.rotate" title="轮换签名密钥" submit="轮换密钥" />
          <Table
            head={["密钥编号", "状态", "创建", "停用"]}
            rows={keys.map((k) => [
              <code key="k">{k.kid}</code>,
              STATUS[k.status],
              when(k.createdAt),
              k.retiredAt ? when(k.retiredAt) : "—",
            ])}
          />
          <div className="grid gap-5 lg:grid-cols-2">
            <ActionForm
              path="manage.keys.revokeCode"
              title="作废二维码"
              submit="作废"
              fields={[
                { name: "serialNo", label: "办件流水号（作废该办件已发出的全部二维码）" },
                { name: "jti", label: "或 jti（作废一个动态码）" },
                { name: "reason", label: "原因", type: "textarea" },
              ]}
            />
            <ActionForm
              path="manage.keys.revokeKey"
              title="吊销密钥（泄露时）"
              submit="吊销"
              fields={[
                { name: "kid", label: "密钥编号" },
                { name: "reason", label: "原因", type: "textarea" },
              ]}
            />
          </div>
          <h2 className="text-lg font-semibold">已作废</h2>
          <Table
            head={["类型", "值", "原因", "时间"]}
            rows={revocations.map((r) => [
              r.kind === "jti" ? "单个动态码" : "办件",
              <code key="v">{r.value}</code>,
              r.reason,
              when(r.createdAt),
            ])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
