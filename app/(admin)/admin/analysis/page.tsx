import Link from "next/link";

import { ZAnalysisQuery } from "@/server/analysis/analysis.schema";

import { adminPage } from "../_components/admin-page";
import { when } from "../_components/format";
import { ThresholdsForm } from "./thresholds-form";

export const metadata = { title: "意见分析" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const card = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200";
const th = "border-b border-stone-200 px-3 py-2 font-medium";
const td = "border-b border-stone-100 px-3 py-2";

/** The work-order list of one item (and the period), where each 差评 behind a figure can be opened. */
const ordersOf = (itemCode: string, from: string, to: string) =>
  `/admin/work-orders?${new URLSearchParams({ item: itemCode, from, to })}`;

/**
 * SPEC §7 `/admin/analysis`, §9 (article 21 ¶2): concentrated complaints of my scope in a period
 * (in the URL; the last 30 days by default) — the bad tags and items ranked, the keywords of the
 * written reasons, the 意见较集中 alerts; the bureau sets the alert's two thresholds here.
 */
export default async function Analysis({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, one(v)]));
  const parsed = ZAnalysisQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : {};
  return adminPage(async ({ caller, session }) => {
    const a = await caller.analysis.summary(q);
    const field =
      "mt-1 block min-h-11 w-full rounded-lg border-2 border-stone-400 bg-white px-2 text-base";
    const topTag = Math.max(1, ...a.tags.map((t) => t.count));
    return (
      <main data-state="analysis" className="max-w-6xl">
        <h1 className="text-2xl font-bold">意见分析</h1>
        <p className="mt-1 text-base text-stone-600">
          {session.role === "bureau" ? "全市" : "本单位及下属单位"} {a.from} 至 {a.to}：差评{" "}
          {a.badCount} 条，其中 {a.reasonCount} 条写了原因。
        </p>
        {!parsed.success && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-red-800">
            统计期有误，已显示最近 30 天：{parsed.error.issues[0]?.message}
          </p>
        )}
        <form
          method="get"
          aria-label="统计期"
          className={`${card} mt-4 flex flex-wrap items-end gap-3`}
        >
          <label className="text-sm font-medium">
            起始日期
            <input type="date" name="from" defaultValue={a.from} className={field} />
          </label>
          <label className="text-sm font-medium">
            截止日期
            <input type="date" name="to" defaultValue={a.to} className={field} />
          </label>
          <button
            type="submit"
            className="min-h-11 rounded-lg bg-stone-900 px-4 text-base font-bold text-white"
          >
            查看
          </button>
          <Link
            href="/admin/analysis"
            className="inline-flex min-h-11 items-center px-2 text-base underline"
          >
            最近 30 天
          </Link>
        </form>

        <section aria-labelledby="alerts" className={`${card} mt-6`}>
          <h2 id="alerts" className="text-lg font-semibold">
            意见较集中
          </h2>
          <p className="text-sm text-stone-600">
            同一事项 {a.thresholds.alertDays} 天内有 {a.thresholds.alertCount}{" "}
            条及以上差评选了同一标签
          </p>
          {a.alerts.length === 0 ? (
            <p className="mt-2 text-base text-stone-700">统计期内没有意见较集中的事项。</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {a.alerts.map((x) => (
                <li
                  key={`${x.itemCode}-${x.tagCode}`}
                  className="rounded-lg border-l-4 border-red-600 bg-red-50 px-3 py-2"
                >
                  <Link
                    href={ordersOf(x.itemCode, a.from, a.to)}
                    className="font-semibold text-red-900 underline"
                  >
                    {x.itemName}
                  </Link>
                  <span className="ml-2 text-base">“{x.tagText}”</span>
                  <span className="ml-2 font-bold tabular-nums text-red-800">{x.count} 条</span>
                  <span className="ml-2 text-sm text-stone-600 tabular-nums">
                    {when(x.firstAt)} 至 {when(x.lastAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {session.role === "bureau" && (
            <div className="mt-4 border-t border-stone-200 pt-3">
              <h3 className="text-base font-semibold">预警阈值（全市）</h3>
              <ThresholdsForm
                alertCount={a.thresholds.alertCount}
                alertDays={a.thresholds.alertDays}
              />
            </div>
          )}
        </section>

        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="tags" className={card}>
            <h2 id="tags" className="text-lg font-semibold">
              差评标签排行
            </h2>
            {a.tags.length === 0 ? (
              <p className="mt-2 text-base text-stone-700">统计期内没有差评。</p>
            ) : (
              <table className="mt-3 w-full border-separate border-spacing-0 text-left text-base">
                <thead className="bg-stone-50 text-sm text-stone-600">
                  <tr>
                    <th scope="col" className={th}>
                      #
                    </th>
                    <th scope="col" className={th}>
                      标签
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      差评数
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.tags.map((t, i) => (
                    <tr key={t.code}>
                      <td className={`${td} tabular-nums text-stone-500`}>{i + 1}</td>
                      <td className={td}>
                        {t.text}
                        {t.indicator && (
                          <span className="block text-sm text-stone-500">{t.indicator}</span>
                        )}
                        <span
                          aria-hidden
                          className="mt-1 block h-1.5 rounded bg-red-300"
                          style={{ width: `${(t.count / topTag) * 100}%` }}
                        />
                      </td>
                      <td className={`${td} text-right font-semibold tabular-nums`}>{t.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="items" className={card}>
            <h2 id="items" className="text-lg font-semibold">
              差评事项排行
            </h2>
            {a.items.length === 0 ? (
              <p className="mt-2 text-base text-stone-700">统计期内没有差评。</p>
            ) : (
              <table className="mt-3 w-full border-separate border-spacing-0 text-left text-base">
                <thead className="bg-stone-50 text-sm text-stone-600">
                  <tr>
                    <th scope="col" className={th}>
                      #
                    </th>
                    <th scope="col" className={th}>
                      事项
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      差评数
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      占该事项评价
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.items.map((x, i) => (
                    <tr key={x.code}>
                      <td className={`${td} tabular-nums text-stone-500`}>{i + 1}</td>
                      <td className={td}>
                        <Link
                          href={ordersOf(x.code, a.from, a.to)}
                          className="text-brand underline"
                        >
                          {x.name}
                        </Link>
                        <span className="block font-mono text-sm text-stone-500">{x.code}</span>
                      </td>
                      <td className={`${td} text-right font-semibold tabular-nums`}>
                        {x.badCount}
                      </td>
                      <td className={`${td} text-right tabular-nums`}>
                        {percent(x.share)}
                        <span className="block text-sm text-stone-500">共 {x.ratings} 条评价</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>

        <section aria-labelledby="keywords" className={`${card} mt-6`}>
          <h2 id="keywords" className="text-lg font-semibold">
            差评原因关键词
          </h2>
          <p className="text-sm text-stone-600">
            按 TF-IDF
            权重排列，括号内为写到该词的差评原因条数；原因中的电话、证件号码等数字不参与分析。
          </p>
          {a.keywords.length === 0 ? (
            <p className="mt-2 text-base text-stone-700">统计期内的差评没有写原因。</p>
          ) : (
            <ul className="mt-3 flex flex-wrap gap-2" aria-label="关键词">
              {a.keywords.map((k) => (
                <li
                  key={k.word}
                  className={`rounded-full px-3 py-1 text-base ${k.reasons > 1 ? "bg-red-100 font-semibold text-red-900" : "bg-stone-100 text-stone-800"}`}
                >
                  {k.word}{" "}
                  <span className="text-sm tabular-nums text-stone-600">({k.reasons})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    );
  });
}
