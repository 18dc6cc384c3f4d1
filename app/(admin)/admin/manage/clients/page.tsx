import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ActionForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "接入系统" };

/** Integration clients of the v1 API: create with a scope (the key shown once, kept hashed), rotate, revoke. */
export default async function Clients() {
  return adminPage(
    async ({ caller }) => {
      const rows = await caller.manage.clients.list();
      return (
        <ManageFrame title="接入系统" current="/admin/manage/clients">
          <ActionForm
            path="manage.clients.create"
            title="新建接入系统"
            submit="新建并生成密钥"
            show="key"
            fields={[
              { name: "name", label: "名称" },
              {
                name: "scope",
                label: "权限范围",
                type: "select",
                options: [
                  ["cases", "cases（业务系统推送办件）"],
                  ["hotline", "hotline（12345 热线）"],
                  ["metrics", "metrics（运行监控 /api/metrics）"],
                ],
              },
            ]}
          />
          <Table
            head={["名称", "权限范围", "状态", "创建", "换钥", "操作"]}
            rows={rows.map((c) => [
              c.name,
              <code key="s">{c.scope}</code>,
              c.active ? "启用" : `已吊销 ${c.revokedAt ? when(c.revokedAt) : ""}`,
              when(c.createdAt),
              c.rotatedAt ? when(c.rotatedAt) : "—",
              c.active ? (
                <div key="a" className="space-y-2">
                  <ActionForm
                    compact
                    path="manage.clients.rotate"
                    fixed={{ id: c.id }}
                    submit="更换密钥"
                    show="key"
                  />
                  <ActionForm
                    compact
                    path="manage.clients.revoke"
                    fixed={{ id: c.id }}
                    fields={[{ name: "reason", label: "吊销原因" }]}
                    submit="吊销"
                  />
                </div>
              ) : (
                "—"
              ),
            ])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
