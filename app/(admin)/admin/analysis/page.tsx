import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "意见分析" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="analysis" title="意见分析" what="意见较集中的差评标签、事项和关键词（第二十一条）。" />);
}
