import { adminPage } from "../_components/admin-page";
import { NotBuilt } from "../_components/not-built";

export const metadata = { title: "通报" };

export default async function Page() {
  return adminPage(() => <NotBuilt state="reports" title="通报" what="按期通报排名、差评事项和逾期工单（第二十三条）。" />, { bureauOnly: true });
}
