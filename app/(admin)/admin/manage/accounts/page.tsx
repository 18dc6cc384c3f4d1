import { adminPage } from "../../_components/admin-page";
import { ActionForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "账号" };
const ROLE = { staff: "窗口工作人员", org_admin: "机构管理员", bureau: "数据管理局" } as const;

/**
 * Accounts: create staff / org-admin accounts, reset a password, end all sessions, reset a second
 * factor, move an org admin, disable (argon2, audited); and the sign-in settings of SPEC §8.
 */
export default async function Accounts() {
  return adminPage(
    async ({ caller }) => {
      const [rows, security] = await Promise.all([
        caller.manage.accounts.list(),
        caller.manage.accounts.security(),
      ]);
      return (
        <ManageFrame title="账号" current="/admin/manage/accounts">
          <ActionForm
            path="manage.accounts.setSecurity"
            title="登录与会话"
            submit="保存"
            fields={[
              {
                name: "idleMinutes",
                label: "会话空闲多少分钟后结束",
                type: "number",
                defaultValue: String(security.idleMinutes),
              },
              {
                name: "maxHours",
                label: "会话最长小时数",
                type: "number",
                defaultValue: String(security.maxHours),
              },
              {
                name: "passwordMaxAgeDays",
                label: "密码多少天后须更换（0 为不限）",
                type: "number",
                defaultValue: String(security.passwordMaxAgeDays),
              },
            ]}
          />
          <ActionForm
            path="manage.accounts.create"
            title="新建账号"
            submit="新建"
            fields={[
              { name: "login", label: "账号" },
              { name: "displayName", label: "显示名称" },
              {
                name: "role",
                label: "角色",
                type: "select",
                options: [
                  ["org_admin", "机构管理员"],
                  ["staff", "窗口工作人员"],
                ],
              },
              { name: "orgCode", label: "机构代码（机构管理员）" },
              { name: "staffNo", label: "工号（窗口工作人员）" },
              {
                name: "password",
                label: "初始密码（至少 12 位，含三类字符；首次登录须修改）",
                type: "password",
              },
            ]}
          />
          <Table
            head={["账号", "名称", "角色", "机构 / 工号", "状态", "操作"]}
            rows={rows.map((a) => [
              <code key="l">{a.login}</code>,
              a.displayName,
              ROLE[a.role],
              a.staffNo ?? a.orgName ?? "—",
              <span key="s">
                {a.active ? "启用" : "已停用"}
                {a.secondFactor ? "，已开启两步验证" : ""}
              </span>,
              a.role === "bureau" ? (
                "—"
              ) : (
                <div key="x" className="space-y-2">
                  <ActionForm
                    compact
                    path="manage.accounts.resetPassword"
                    fixed={{ id: a.id }}
                    fields={[{ name: "password", label: "新密码", type: "password" }]}
                    submit="重设密码"
                  />
                  <ActionForm
                    compact
                    path="manage.accounts.endSessions"
                    fixed={{ id: a.id }}
                    fields={[{ name: "reason", label: "原因" }]}
                    submit="结束全部会话"
                  />
                  {a.role === "org_admin" && (
                    <>
                      <ActionForm
                        compact
                        path="manage.accounts.resetSecondFactor"
                        fixed={{ id: a.id }}
                        fields={[{ name: "reason", label: "原因" }]}
                        submit="重置两步验证"
                        confirm="重置后该账号须重新设置两步验证，并结束其全部会话。确定重置？"
                      />
                      <ActionForm
                        compact
                        path="manage.accounts.setOrg"
                        fixed={{ id: a.id }}
                        fields={[{ name: "orgCode", label: "所属机构代码" }]}
                        submit="改所属机构"
                      />
                    </>
                  )}
                  <ActionForm
                    compact
                    path="manage.accounts.setActive"
                    fixed={{ id: a.id, active: !a.active }}
                    fields={[{ name: "reason", label: "原因" }]}
                    submit={a.active ? "停用" : "启用"}
                  />
                </div>
              ),
            ])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
