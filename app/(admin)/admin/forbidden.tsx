import Link from "next/link";

import { SignOutButton } from "@/app/(staff)/staff/sign-in-form";

/** A window staff account at /admin (403): the back office is for org admins and the bureau. */
export default function Forbidden() {
  return (
    <main data-state="forbidden" className="mx-auto max-w-md px-5 py-10">
      <h1 className="text-2xl font-bold">无权访问</h1>
      <p className="mt-3 text-base text-stone-700">
        管理后台只对政务服务机构管理员和市政务服务数据管理局开放；其中结果发布、通报、绩效考核和系统管理只对市政务服务数据管理局开放。窗口工作人员请使用窗口工作台。
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link
          href="/staff"
          className="inline-flex min-h-12 items-center rounded-xl bg-stone-900 px-4 text-base font-bold text-white"
        >
          前往窗口工作台
        </Link>
        <SignOutButton />
      </div>
    </main>
  );
}
