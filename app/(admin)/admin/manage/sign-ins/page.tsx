import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "登录记录" };

/** SPEC §8: every account's sign-ins, failures, lockouts, second-factor changes and session ends; read only. */
export default async function SignIns() {
  return adminPage(
    async ({ caller }) => {
      const rows = await caller.manage.accounts.signInHistory();
      return (
        <ManageFrame title="登录记录" current="/admin/manage/sign-ins">
          <p className="text-base text-stone-700">
            最近 100 条。登录记录只能查看，任何人都不能修改或删除。
          </p>
          <Table
            head={["时间", "账号", "事件", "地址", "浏览器"]}
            rows={rows.map((r) => [
              when(r.at),
              r.login ? <code key="l">{r.login}</code> : "（不存在的账号）",
              r.what,
              <span key="a" className="font-mono">
                {r.address}
              </span>,
              r.browser,
            ])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
