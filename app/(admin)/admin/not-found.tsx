import Link from "next/link";

/** A record that does not exist, or that is outside the account's scope: the same page (SPEC §7). */
export default function NotFound() {
  return (
    <main data-state="not_found" className="mx-auto max-w-md py-10">
      <h1 className="text-2xl font-bold">找不到这条记录</h1>
      <p className="mt-3 text-base text-stone-700">它不存在，或不在您的管理范围内。</p>
      <Link
        href="/admin/work-orders"
        className="mt-6 inline-flex min-h-12 items-center rounded-xl bg-stone-900 px-4 text-base font-bold text-white"
      >
        返回工单列表
      </Link>
    </main>
  );
}
