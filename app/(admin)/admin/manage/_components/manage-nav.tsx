import Link from "next/link";
import type { ReactNode } from "react";

export const SECTIONS = [
  ["/admin/manage/catalog", "指标目录"],
  ["/admin/manage/registers", "机构·窗口·终端·人员·事项"],
  ["/admin/manage/accounts", "账号"],
  ["/admin/manage/sign-ins", "登录记录"],
  ["/admin/manage/calendar", "工作日历"],
  ["/admin/manage/clients", "接入系统"],
  ["/admin/manage/keys", "签名密钥与作废二维码"],
  ["/admin/manage/outbox", "发件箱"],
  ["/admin/manage/audit", "审计日志"],
  ["/admin/manage/flags", "强迫评价线索"],
  ["/admin/manage/misconduct", "涉嫌违纪违法"],
] as const;

/** The frame of every management page: `<main data-state="manage">`, its title and the sections. */
export function ManageFrame({
  title,
  current,
  children,
}: {
  title: string;
  current: string;
  children: ReactNode;
}) {
  return (
    <main data-state="manage" className="max-w-6xl">
      <nav aria-label="系统管理" className="flex flex-wrap gap-2">
        {SECTIONS.map(([href, word]) => (
          <Link
            key={href}
            href={href}
            aria-current={href === current ? "page" : undefined}
            className="inline-flex min-h-11 items-center rounded-lg bg-white px-3 text-base ring-1 ring-stone-300 aria-[current=page]:bg-brand aria-[current=page]:text-white"
          >
            {word}
          </Link>
        ))}
      </nav>
      <h1 className="mt-4 text-2xl font-bold">{title}</h1>
      <div className="mt-4 space-y-5">{children}</div>
    </main>
  );
}

/**
 * A register's table. On a phone it keeps its columns readable and scrolls sideways inside its card
 * (the page itself never does): squeezed to 390 px, names and 状态 broke one character a line. The
 * card takes the keyboard's focus so the scroll is reachable without a pointer.
 */
export function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  if (rows.length === 0) return <p className="text-base text-stone-700">没有记录。</p>;
  return (
    <div
      tabIndex={0}
      className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200 focus-visible:outline-2 focus-visible:outline-brand"
    >
      <table className="w-full min-w-[40rem] border-collapse text-left text-base">
        <thead className="bg-stone-50 text-sm text-stone-600">
          <tr>
            {head.map((h) => (
              <th key={h} className="p-3 font-medium whitespace-nowrap">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-stone-200 align-top">
              {r.map((c, j) => (
                <td key={j} className="p-3">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
