import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "系统管理" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="manage" title="系统管理" what="指标目录、机构、窗口、人员、账号、密钥、发件箱和审计日志。" />, { bureauOnly: true });
}
