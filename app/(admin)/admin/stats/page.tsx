import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "统计" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="stats" title="统计" what="按单位、事项、窗口、人员、渠道和日期的统计看板（第二十三条）。" />);
}
