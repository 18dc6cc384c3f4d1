import type { Metadata } from "next";
import { cookies } from "next/headers";

import { STAFF_COOKIE, staffSessionOf } from "@/server/auth/sessions.service";
import { myWindowCases } from "@/server/auth/staff-cases.service";
import { getDeps } from "@/server/deps";
import { myMonthSummary, myServiceFeed } from "@/server/stats/staff-feed.service";

import { FeedList, MonthFigures } from "./my-ratings";
import { SignInForm, SignOutButton } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "窗口工作台", robots: { index: false } };

const STATUS: Record<string, string> = {
  received: "已收件",
  receipt_failed: "收件未成功",
  accepted: "已受理",
  acceptance_failed: "未受理",
  decided: "已决定",
  certificate_issued: "已出证",
  completed: "已办结",
};
const STAGE: Record<string, string> = {
  pending: "未开放",
  open: "待评价",
  rated: "已评价",
  defaulted: "默认好评",
  not_open: "不开放",
};
const when = (ms: number) =>
  new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "short",
  }).format(ms);

/** Window staff: sign in with 工号 and 密码; see the window's cases and their rating stages (never how they were rated). */
export default async function StaffPage() {
  const deps = await getDeps();
  const session = await staffSessionOf(deps, (await cookies()).get(STAFF_COOKIE)?.value);
  if (!session) {
    return (
      <main data-state="sign_in" className="mx-auto max-w-md px-5 py-10">
        <h1 className="text-2xl font-bold">窗口工作台</h1>
        <p className="mt-2 text-base text-stone-700">请用工号和密码登录。</p>
        <SignInForm />
      </main>
    );
  }
  const [list, summary, feed] = session.staffId
    ? await Promise.all([
        myWindowCases(deps, session),
        myMonthSummary(deps, session),
        myServiceFeed(deps, session, { limit: 3 }),
      ])
    : [[], null, null];
  return (
    <main data-state="desk" className="mx-auto max-w-3xl px-5 py-8">
      <header className="flex items-center justify-between gap-3 border-b-4 border-brand pb-3">
        <div>
          <p className="text-base text-stone-600">窗口工作台</p>
          <h1 className="text-2xl font-bold">{session.displayName}</h1>
        </div>
        <SignOutButton />
      </header>
      {summary && feed && (
        <section aria-labelledby="my-ratings" className="mt-6">
          <h2 id="my-ratings" className="text-xl font-semibold">
            我的评价
          </h2>
          <MonthFigures summary={summary} />
          <FeedList page={feed} moreHref={feed.more ? "/staff/ratings" : null} />
        </section>
      )}
      <h2 className="mt-6 text-xl font-semibold">本窗口的办件</h2>
      {list.length === 0 ? (
        <p className="mt-3 text-base text-stone-700">暂无办件。</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {list.map((c) => (
            <li
              key={c.serialNo}
              className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
            >
              <p className="text-lg font-semibold">{c.itemName}</p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
                <dt className="text-stone-600">办件流水号</dt>
                <dd className="break-words">{c.serialNo}</dd>
                <dt className="text-stone-600">状态</dt>
                <dd>{STATUS[c.status] ?? c.status}</dd>
                <dt className="text-stone-600">评价</dt>
                <dd>
                  {c.stages
                    .map(
                      (st) =>
                        `${st.stage === "receipt" ? "收件" : "办结"}${STAGE[st.status] ?? st.status}`,
                    )
                    .join("，")}
                </dd>
                <dt className="text-stone-600">更新时间</dt>
                <dd>{when(c.updatedAt)}</dd>
              </dl>
              <p className="mt-3 flex flex-wrap gap-3">
                {[
                  [`/staff/receipt/${encodeURIComponent(c.serialNo)}`, "打印回执"],
                  [`/staff/preview/${encodeURIComponent(c.serialNo)}`, "预览评价页面"],
                ].map(([href, words]) => (
                  <a
                    key={href}
                    href={href}
                    aria-label={`${words}：${c.serialNo}`}
                    className="inline-flex min-h-12 items-center rounded-xl border-2 border-stone-700 px-4 text-base font-semibold"
                  >
                    {words}
                  </a>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
