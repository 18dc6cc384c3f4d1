import type { Metadata } from "next";

import { isDomainError } from "@/server/errors";
import { FEED_CURSOR, myMonthSummary, myServiceFeed } from "@/server/stats/staff-feed.service";

import { FeedList, MonthFigures } from "../my-ratings";
import { forStaff } from "../staff-only";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "我的评价", robots: { index: false } };

/**
 * Article 24 (SPEC §9): the signed-in staff member's own feed — the service parts of the ratings of
 * their work, newest first, 20 a page; "更多评价" carries the sealed page key in `?before=`.
 */
export default async function MyRatingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).before;
  const before = typeof raw === "string" && FEED_CURSOR.test(raw) ? raw : undefined;
  // a page key this server did not seal (edited by hand, or sealed under another key) opens the first page
  const feed = (...[deps, session]: Parameters<typeof myServiceFeed>) =>
    myServiceFeed(deps, session, { before, limit: 20 }).catch((e: unknown) => {
      if (isDomainError(e) && e.code === "bad_request")
        return myServiceFeed(deps, session, { limit: 20 });
      throw e;
    });
  const mine = await forStaff(async (deps, session) =>
    session.staffId
      ? { summary: await myMonthSummary(deps, session), page: await feed(deps, session) }
      : null,
  );
  if (!mine) {
    return (
      <main data-state="forbidden" className="mx-auto max-w-3xl px-5 py-8">
        <h1 className="text-2xl font-bold">我的评价</h1>
        <p className="mt-2 text-base">只有窗口工作人员有自己的评价记录。</p>
      </main>
    );
  }
  const { summary, page } = mine;
  return (
    <main data-state="my-ratings" className="mx-auto max-w-3xl px-5 py-8">
      <p>
        <a href="/staff" className="inline-flex min-h-12 items-center text-base underline">
          返回窗口工作台
        </a>
      </p>
      <h1 className="text-2xl font-bold">我的评价</h1>
      <p className="mt-1 text-base text-stone-700">
        申请人对我的服务态度、服务能力的评价。不显示评价人信息。
      </p>
      <MonthFigures summary={summary} />
      <h2 className="mt-6 text-xl font-semibold">{before ? "更早的评价" : "最近的评价"}</h2>
      <FeedList
        page={page}
        moreHref={page.more ? `/staff/ratings?before=${encodeURIComponent(page.more)}` : null}
      />
    </main>
  );
}
