import Link from "next/link";

import { ARTICLE_22_REFUSAL } from "@/server/appeals/appeals.rules";
import { indicatorName } from "@/server/ratings/vocabulary";

import { adminPage } from "../_components/admin-page";
import { LEVEL_WORD, when } from "../_components/format";
import { AppealForm } from "./appeal-forms";

export const metadata = { title: "申诉" };

const STATUS_WORD = { pending: "待决定", adopted: "已采纳", rejected: "已驳回" } as const;
const FILTERS = [
  ["", "全部"],
  ["pending", "待决定"],
  ["adopted", "已采纳"],
  ["rejected", "已驳回"],
] as const;

type Search = Promise<{ status?: string; rating?: string; before?: string }>;
const PAGE = 50;

/**
 * SPEC §7 `/admin/appeals` (article 22): the appeals of my scope with the status filter in the
 * URL; `?rating=<id>` opens the form for that rating's service part (an org admin's).
 */
export default async function Appeals({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const status =
    sp.status === "pending" || sp.status === "adopted" || sp.status === "rejected"
      ? sp.status
      : undefined;
  return adminPage(async ({ caller, session }) => {
    // keyset pages: ?before=<filedAt>.<id> of the last row shown
    const [at, lastId] = (sp.before ?? "").split(".");
    const before =
      at && lastId && /^\d+$/.test(at) ? { filedAt: Number(at), id: lastId } : undefined;
    const rows = await caller.appeals.list({ status, before, limit: PAGE });
    const last = rows.length === PAGE ? rows[rows.length - 1] : undefined;
    const rating = sp.rating ? await caller.appeals.rating({ ratingId: sp.rating }) : null;
    return (
      <main data-state="appeals" className="max-w-6xl">
        <h1 className="text-2xl font-bold">申诉</h1>
        <p className="mt-1 text-base text-stone-700">
          只能对窗口工作人员或 12345
          热线接线员的服务评价（服务态度、服务能力）提出申诉，由市政务服务数据管理局决定（第二十二条）。
        </p>
        {rating && (
          <section
            aria-labelledby="rating"
            className="mt-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
          >
            <h2 id="rating" className="text-lg font-semibold">
              评价 {rating.serialNo ?? ""} ·{" "}
              {rating.staffName
                ? `${rating.staffName}（${rating.staffNo}）`
                : rating.operatorNo
                  ? `12345 接线员 ${rating.operatorNo}`
                  : "—"}{" "}
              · {when(rating.createdAt)}
            </h2>
            <ul className="mt-2 space-y-1">
              {rating.scores.map((s) => (
                <li key={s.indicatorCode} className="text-base">
                  <span className="font-semibold">{indicatorName(s.indicatorCode)}</span>：
                  {LEVEL_WORD[s.level] ?? s.level}
                  {s.group !== "service" && (
                    <span className="ml-2 text-sm text-stone-600">不接受申诉</span>
                  )}
                </li>
              ))}
            </ul>
            {rating.scores.some((s) => s.group !== "service") && (
              <p className="mt-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                {ARTICLE_22_REFUSAL}
              </p>
            )}
            {rating.existingAppealId ? (
              <p className="mt-3 text-base">
                这条评价已有申诉：
                <Link
                  className="text-brand underline"
                  href={`/admin/appeals/${rating.existingAppealId}`}
                >
                  查看申诉（{STATUS_WORD[rating.appealStatus ?? "pending"]}）
                </Link>
              </p>
            ) : session.role === "org_admin" && rating.appealable.length > 0 ? (
              <AppealForm
                ratingId={rating.ratingId}
                indicators={rating.appealable.map((c) => ({
                  code: c,
                  name: indicatorName(c),
                }))}
              />
            ) : (
              <p className="mt-3 text-base text-stone-700">
                {rating.appealable.length === 0
                  ? "这条评价没有可申诉的服务评价。"
                  : "申诉由被评价人员所在机构的管理员提出。"}
              </p>
            )}
          </section>
        )}
        <nav aria-label="筛选" className="mt-4 flex flex-wrap gap-2">
          {FILTERS.map(([v, word]) => (
            <Link
              key={v}
              href={v ? `/admin/appeals?status=${v}` : "/admin/appeals"}
              aria-current={(status ?? "") === v ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 text-base ring-1 ring-stone-300 aria-[current=page]:bg-brand aria-[current=page]:text-white"
            >
              {word}
            </Link>
          ))}
        </nav>
        {rows.length === 0 ? (
          <p className="mt-6 text-base text-stone-700">没有申诉。</p>
        ) : (
          <table className="mt-4 w-full border-collapse rounded-xl bg-white text-left text-base shadow-sm ring-1 ring-stone-200">
            <thead className="bg-stone-50 text-sm text-stone-600">
              <tr>
                <th className="p-3">办件流水号</th>
                <th className="p-3">提出时间</th>
                <th className="p-3">机构</th>
                <th className="p-3">被评价人</th>
                <th className="p-3">指标</th>
                <th className="p-3">提出人</th>
                <th className="p-3">状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="border-t border-stone-200">
                  <td className="p-3">
                    <Link
                      className="font-mono font-semibold break-all text-brand underline"
                      href={`/admin/appeals/${a.id}`}
                    >
                      {a.serialNo ?? a.id}
                    </Link>
                  </td>
                  <td className="p-3 tabular-nums">{when(a.filedAt)}</td>
                  <td className="p-3">{a.orgName}</td>
                  <td className="p-3">
                    {a.staffName
                      ? `${a.staffName}（${a.staffNo}）`
                      : `12345 接线员 ${a.operatorNo ?? ""}`}
                  </td>
                  <td className="p-3">{a.indicators.map(indicatorName).join("、")}</td>
                  <td className="p-3">{a.filedByName}</td>
                  <td className="p-3" data-status={a.status}>
                    {STATUS_WORD[a.status]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {last && (
          <Link
            className="mt-4 inline-flex min-h-11 items-center text-base text-brand underline"
            href={`/admin/appeals?${new URLSearchParams({ ...(status ? { status } : {}), before: `${last.filedAt}.${last.id}` }).toString()}`}
          >
            下一页 →
          </Link>
        )}
      </main>
    );
  });
}
