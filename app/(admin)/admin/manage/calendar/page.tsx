import Link from "next/link";

import { shanghaiDate } from "@/server/time/shanghai";

import { adminPage } from "../../_components/admin-page";
import { ActionForm } from "../_components/action-form";
import { ManageFrame, Table } from "../_components/manage-nav";

export const metadata = { title: "工作日历" };

const shift = (month: string, by: number) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

/** The working-day calendar by month (`?month=2026-10`): edit a day, import a year. */
export default async function Calendar({
  searchParams,
}: {
  searchParams: Promise<{ month?: string }>;
}) {
  const sp = await searchParams;
  return adminPage(
    async ({ caller, deps }) => {
      const month =
        sp.month && /^\d{4}-\d{2}$/.test(sp.month)
          ? sp.month
          : shanghaiDate(deps.clock.now()).slice(0, 7);
      const days = await caller.manage.calendar.month({ month });
      return (
        <ManageFrame title={`工作日历 · ${month}`} current="/admin/manage/calendar">
          <nav className="flex gap-3 text-base">
            <Link
              className="inline-flex min-h-11 items-center text-brand underline"
              href={`/admin/manage/calendar?month=${shift(month, -1)}`}
            >
              ← 上个月
            </Link>
            <Link
              className="inline-flex min-h-11 items-center text-brand underline"
              href={`/admin/manage/calendar?month=${shift(month, 1)}`}
            >
              下个月 →
            </Link>
          </nav>
          <div className="grid gap-5 lg:grid-cols-2">
            <ActionForm
              path="manage.calendar.setDay"
              title="修改一天"
              fields={[
                { name: "date", label: "日期", type: "date" },
                { name: "workday", label: "工作日", type: "checkbox" },
                { name: "note", label: "说明（如 调休上班、国庆节）" },
              ]}
            />
            <ActionForm
              path="manage.calendar.importYear"
              title="导入全年（法定节假日与调休）"
              submit="导入"
              fields={[{ name: "year", label: "年份", type: "number" }]}
            />
          </div>
          <Table
            head={["日期", "工作日", "说明"]}
            rows={days.map((d) => [d.date, d.workday ? "上班" : "休息", d.note || "—"])}
          />
        </ManageFrame>
      );
    },
    { bureauOnly: true },
  );
}
