import type { Metadata } from "next";
import type { ReactNode } from "react";

import { SignOutButton } from "@/app/(staff)/staff/sign-in-form";
import { adminCtxOf } from "@/server/access/admin-ctx";
import { tasksOf } from "@/server/tasks/tasks.service";

import { currentSession } from "./_components/current-session";
import { AdminNav, type NavItem } from "./_components/nav";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: { default: "管理后台", template: "%s · 好差评管理后台" },
  robots: { index: false },
};

const FOR_ALL: NavItem[] = [
  { href: "/admin", label: "概览" },
  { href: "/admin/ratings", label: "评价记录" },
  { href: "/admin/work-orders", label: "差评工单" },
  { href: "/admin/appeals", label: "申诉" },
  { href: "/admin/stats", label: "统计" },
  { href: "/admin/analysis", label: "意见分析" },
];
const FOR_BUREAU: NavItem[] = [
  { href: "/admin/publish", label: "结果发布" },
  { href: "/admin/reports", label: "通报" },
  { href: "/admin/assessment", label: "绩效考核" },
  { href: "/admin/manage", label: "系统管理" },
];

/** The shell of every back-office page: who is signed in, the navigation of their role, sign-out. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { deps, session } = await currentSession();
  if (!session || session.role === "staff")
    return <div className="min-h-dvh bg-stone-100">{children}</div>;
  // 待办's count beside its name on every page (SPEC §7): counts only, on the desk's indexes
  const { count } = await tasksOf(await adminCtxOf(deps, session), false);
  const tasks: NavItem = { href: "/admin/tasks", label: "待办", count };
  const account: NavItem = { href: "/admin/account", label: "账号设置" };
  const items = [
    FOR_ALL[0]!,
    tasks,
    ...FOR_ALL.slice(1),
    ...(session.role === "bureau" ? FOR_BUREAU : []),
    account,
  ];
  return (
    <div className="min-h-dvh bg-stone-100 md:grid md:grid-cols-[13rem_1fr] print:block print:bg-white">
      <aside className="border-b border-stone-300 bg-white px-3 py-3 md:min-h-dvh md:border-r md:border-b-0 print:hidden">
        <div className="flex items-center justify-between gap-2 md:block">
          <p className="text-lg font-bold text-brand">好差评管理后台</p>
          <p className="text-sm text-stone-600 md:mt-1">{session.displayName}</p>
        </div>
        <div className="mt-2 md:mt-4">
          <AdminNav items={items} />
        </div>
        <div className="mt-3">
          <SignOutButton />
        </div>
      </aside>
      <div className="min-w-0 px-4 py-5 md:px-8 print:p-0">{children}</div>
    </div>
  );
}
