import Link from "next/link";

import { adminPage } from "./_components/admin-page";

export const metadata = { title: "概览" };

function Figure({
  label,
  value,
  href,
  alert,
}: {
  label: string;
  value: number;
  href: string;
  alert?: boolean;
}) {
  return (
    <Link
      href={href}
      className={`block rounded-xl bg-white p-4 shadow-sm ring-1 hover:ring-2 ${alert && value > 0 ? "ring-red-400" : "ring-stone-200"}`}
    >
      <span className="block text-sm text-stone-600">{label}</span>
      <span
        className={`mt-1 block text-3xl font-bold tabular-nums ${alert && value > 0 ? "text-red-700" : ""}`}
      >
        {value}
      </span>
    </Link>
  );
}

/** SPEC §7 `/admin`: today's and this month's ratings and 差评 of my scope, open and overdue work orders, alerts — each to its list. */
export default async function Overview() {
  return adminPage(async ({ caller, session }) => {
    const [o, alerts] = await Promise.all([caller.overview.get(), caller.analysis.alerts()]);
    return (
      <main data-state="overview" className="max-w-5xl">
        <h1 className="text-2xl font-bold">概览</h1>
        <p className="mt-1 text-base text-stone-600">
          {session.role === "bureau" ? "全市" : "本单位及下属单位"}的评价和差评工单。
        </p>
        <section aria-labelledby="ratings" className="mt-6">
          <h2 id="ratings" className="text-lg font-semibold">
            评价
          </h2>
          <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
            <Figure label="今日评价" value={o.today.ratings} href="/admin/stats" />
            <Figure label="今日差评" value={o.today.bad} href="/admin/work-orders" alert />
            <Figure label="本月评价" value={o.month.ratings} href="/admin/stats" />
            <Figure label="本月差评" value={o.month.bad} href="/admin/analysis" alert />
          </div>
        </section>
        <section aria-labelledby="orders" className="mt-6">
          <h2 id="orders" className="text-lg font-semibold">
            差评工单
          </h2>
          <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
            <Figure label="待办结工单" value={o.openWorkOrders} href="/admin/work-orders" />
            <Figure
              label="逾期工单"
              value={o.overdueWorkOrders}
              href="/admin/work-orders?status=overdue"
              alert
            />
            <Figure label="意见较集中" value={alerts.length} href="/admin/analysis" alert />
          </div>
        </section>
        {alerts.length > 0 && (
          <section aria-labelledby="alerts" className="mt-6">
            <h2 id="alerts" className="text-lg font-semibold">
              意见较集中（第二十一条）
            </h2>
            <ul className="mt-3 space-y-2">
              {alerts.map((a) => (
                <li key={`${a.itemCode}|${a.tagCode}`}>
                  <Link
                    href={`/admin/work-orders?item=${encodeURIComponent(a.itemCode)}`}
                    className="block rounded-xl bg-red-50 p-3 text-base ring-1 ring-red-200 hover:ring-2"
                  >
                    <span className="font-semibold">{a.itemName}</span>：{a.count} 条差评选择了“
                    {a.tagText}”
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    );
  });
}
