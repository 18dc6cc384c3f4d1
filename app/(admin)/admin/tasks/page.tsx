import Link from "next/link";

import { adminPage } from "../_components/admin-page";
import { BasisBadge } from "../_components/basis-badge";
import { dueDay, when } from "../_components/format";

export const metadata = { title: "待办" };

const TONE = {
  overdue: "ring-red-300",
  supervise: "ring-amber-300",
  due: "ring-amber-200",
  new: "ring-stone-200",
  appeal: "ring-stone-200",
} as const;

/** SPEC §7 `/admin/tasks` 待办: what waits for me — the count beside 待办 in the navigation is the sum of these lists. */
export default async function Tasks() {
  return adminPage(async ({ caller }) => {
    const tasks = await caller.tasks.list();
    return (
      <main data-state="tasks" className="max-w-5xl">
        <h1 className="text-2xl font-bold">待办</h1>
        <p className="mt-1 text-base text-stone-700">
          {tasks.count === 0 ? "没有待办事项。" : `共 ${tasks.count} 项待办。`}
        </p>
        <div className="mt-4 space-y-5">
          {tasks.groups.map((g) => (
            <section
              key={g.kind}
              aria-labelledby={`g-${g.kind}`}
              data-kind={g.kind}
              className={`rounded-xl bg-white p-4 shadow-sm ring-1 ${g.count ? TONE[g.kind] : "ring-stone-200"}`}
            >
              <h2 id={`g-${g.kind}`} className="text-lg font-semibold">
                {g.title}{" "}
                <span className="ml-1 rounded-full bg-stone-800 px-2 py-0.5 text-sm text-white tabular-nums">
                  {g.count}
                </span>
              </h2>
              {g.items.length === 0 ? (
                <p className="mt-2 text-base text-stone-600">无。</p>
              ) : (
                <ul className="mt-2 divide-y divide-stone-100">
                  {g.items.map((t) => (
                    <li key={t.id} className="py-2">
                      <Link
                        href={t.href}
                        className="flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1 text-base"
                      >
                        <span className="font-mono font-semibold break-all text-brand underline">
                          {t.serialNo ?? t.id}
                        </span>
                        <span className="min-w-0">{t.itemName ?? "12345 热线"}</span>
                        {t.basis === "service" && <BasisBadge />}
                        <span className="text-sm text-stone-600">
                          {t.orgName ?? "—"}
                          {t.dueAt ? ` · 截止 ${dueDay(t.dueAt)}` : ` · ${when(t.at)}`}
                        </span>
                      </Link>
                      {t.note && (
                        <p className="mt-1 rounded-lg bg-amber-50 p-2 text-base break-words">
                          {t.note}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {g.count > g.items.length && (
                <p className="mt-2 text-sm text-stone-600">仅显示前 {g.items.length} 项。</p>
              )}
            </section>
          ))}
        </div>
      </main>
    );
  });
}
