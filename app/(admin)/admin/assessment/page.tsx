import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "绩效考核" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="assessment" title="绩效考核" what="年度考核规则和单位、人员考核结果（第二十四条）。" />, { bureauOnly: true });
}
