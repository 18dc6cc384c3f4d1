import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "申诉" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="appeals" title="申诉" what="对窗口服务评价或 12345 话务员评价提出申诉（第二十二条）。" />);
}
