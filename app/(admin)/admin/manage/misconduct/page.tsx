import Link from "next/link";

import { adminPage } from "../../_components/admin-page";
import { when } from "../../_components/format";

export const metadata = { title: "涉嫌违纪违法线索" };

/** Article 25: the marks of every org, for the bureau alone (the notes are unsealed here only). */
export default async function Misconduct() {
  return adminPage(
    async ({ caller }) => {
      const marks = await caller.workOrders.misconduct();
      return (
        <main data-state="manage" className="max-w-4xl">
          <h1 className="text-2xl font-bold">涉嫌违纪违法线索</h1>
          <p className="mt-1 text-base text-stone-600">
            第二十五条：各单位标记的评价和工单，仅市政务服务数据管理局可见。
          </p>
          {marks.length === 0 ? (
            <p className="mt-6 rounded-xl bg-white p-6 text-base ring-1 ring-stone-200">
              暂无线索。
            </p>
          ) : (
            <ul className="mt-4 space-y-3">
              {marks.map((m) => (
                <li key={m.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
                  <p className="text-sm text-stone-600">
                    {when(m.at)} · {m.by}
                  </p>
                  <p className="mt-1 text-base">{m.note}</p>
                  {m.targetKind === "work_order" ? (
                    <Link
                      href={`/admin/work-orders/${m.targetId}`}
                      className="mt-1 inline-flex min-h-11 items-center text-base text-brand underline"
                    >
                      查看工单
                    </Link>
                  ) : (
                    <p className="mt-1 text-sm text-stone-600">评价 {m.targetId}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </main>
      );
    },
    { bureauOnly: true },
  );
}
