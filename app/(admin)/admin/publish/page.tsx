import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "结果发布" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="publish" title="结果发布" what="按月发布评价结果到公开页面（第二十三条）。" />, { bureauOnly: true });
}
