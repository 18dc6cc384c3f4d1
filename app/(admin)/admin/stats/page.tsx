import Link from "next/link";

import { LEVELS } from "@/server/ratings/vocabulary";
import {
  GROUP_BYS,
  type TStatsQuery,
  type TStatsRow,
  ZStatsQuery,
} from "@/server/stats/stats.schema";
import { shanghaiDate } from "@/server/time/shanghai";

import { adminPage } from "../_components/admin-page";
import { PlacePickers } from "../_components/code-picker";
import { LEVEL_WORD } from "../_components/format";
import { type ChartSpec, StatsChart } from "./stats-chart";

export const metadata = { title: "统计" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null) => (v === null ? "—" : v.toFixed(2));
const GROUP_WORD: Record<TStatsQuery["groupBy"], string> = {
  org: "单位",
  item: "事项",
  window: "窗口",
  staff: "人员",
  channel: "渠道",
  day: "日期",
};
const field =
  "mt-1 block min-h-11 w-full rounded-lg border-2 border-stone-400 bg-white px-2 text-base";

/** The next level of the drill-down: org → window → staff. */
function drill(q: TStatsQuery, row: TStatsRow): string | null {
  const base = { from: q.from, to: q.to, ...(q.item ? { item: q.item } : {}) };
  if (q.groupBy === "org" && row.key !== "12345")
    return `?${new URLSearchParams({ ...base, groupBy: "window", org: row.key })}`;
  if (q.groupBy === "window" && row.key !== "-")
    return `?${new URLSearchParams({ ...base, groupBy: "staff", window: row.key, ...(q.org ? { org: q.org } : {}) })}`;
  return null;
}

/** Every day of the period (a day without ratings is a 0 on the line, not a missing point). */
function trendSpec(q: TStatsQuery, rows: TStatsRow[]): ChartSpec {
  const byDay = new Map(rows.map((r) => [r.key, r.ratings]));
  const labels: string[] = [];
  for (
    let d = Date.parse(`${q.from}T00:00:00Z`);
    d <= Date.parse(`${q.to}T00:00:00Z`);
    d += 86_400_000
  )
    labels.push(new Date(d).toISOString().slice(0, 10));
  const values = labels.map((l) => byDay.get(l) ?? 0);
  const top = rows.reduce<TStatsRow | null>((a, r) => (!a || r.ratings > a.ratings ? r : a), null);
  const total = values.reduce((a, b) => a + b, 0);
  const most = top ? `，最多的一天 ${top.key} 有 ${top.ratings} 条` : "";
  return {
    kind: "line",
    labels,
    values,
    summary: `每日评价数折线图：${q.from} 至 ${q.to} 共 ${total} 条，${rows.length} 天有评价${most}`,
  };
}

function levelSpec(t: TStatsRow): ChartSpec {
  const labels = LEVELS.map((l) => LEVEL_WORD[l]);
  const values = LEVELS.map((l) => t.levels[l]);
  return {
    kind: "bar",
    labels,
    values,
    summary: `评价等级分布柱状图：${labels.map((l, i) => `${l} ${values[i]} 条`).join("，")}`,
  };
}

/**
 * SPEC §7 `/admin/stats` (article 23): my scope's figures for a period, grouped by org, item,
 * window, staff, channel or day, with or without default ratings; the level distribution and the
 * daily trend; drill-down org → window → staff; 导出 Excel downloads what /api/v1/stats/export gives.
 */
export default async function Stats({ searchParams }: { searchParams: Promise<Search> }) {
  const raw: Record<string, string> = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, one(v)] as const)
      .filter((e): e is readonly [string, string] => !!e[1]),
  );
  return adminPage(async ({ caller, deps }) => {
    const today = shanghaiDate(deps.clock.now());
    const parsed = ZStatsQuery.safeParse({
      from: `${today.slice(0, 7)}-01`,
      to: today,
      groupBy: "org",
      ...raw,
    });
    const q = parsed.success
      ? parsed.data
      : ZStatsQuery.parse({ from: `${today.slice(0, 7)}-01`, to: today, groupBy: "org" });
    const includeDefaults = raw.defaults !== "without";
    const [answer, trend, picks] = await Promise.all([
      caller.stats.query({ ...q, includeDefaults }),
      caller.stats.query({ ...q, groupBy: "day", includeDefaults }),
      caller.catalog.picks(),
    ]);
    const t = answer.totals;
    const maxDay = Math.max(1, ...trend.rows.map((r) => r.ratings));
    const exportQuery = new URLSearchParams(
      Object.entries(q).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    return (
      <main data-state="stats" className="max-w-7xl">
        <h1 className="text-2xl font-bold">统计</h1>
        {!parsed.success && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-red-800">
            查询条件有误，已显示本月：{parsed.error.issues[0]?.message}
          </p>
        )}
        <form
          method="get"
          aria-label="统计条件"
          className="mt-4 grid grid-cols-2 gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 md:grid-cols-4"
        >
          <label className="text-sm font-medium">
            开始日期
            <input type="date" name="from" defaultValue={q.from} className={field} />
          </label>
          <label className="text-sm font-medium">
            结束日期
            <input type="date" name="to" defaultValue={q.to} className={field} />
          </label>
          <label className="text-sm font-medium">
            分组
            <select name="groupBy" defaultValue={q.groupBy} className={field}>
              {GROUP_BYS.map((g) => (
                <option key={g} value={g}>
                  按{GROUP_WORD[g]}
                </option>
              ))}
            </select>
          </label>
          <PlacePickers picks={picks} q={q} field={field} />
          <label className="text-sm font-medium">
            默认好评
            <select
              name="defaults"
              defaultValue={includeDefaults ? "with" : "without"}
              className={field}
            >
              <option value="with">含默认评价</option>
              <option value="without">不含默认评价</option>
            </select>
          </label>
          <div className="flex items-end gap-2">
            <button
              type="submit"
              className="min-h-11 rounded-lg bg-brand px-4 text-base font-bold text-white"
            >
              查询
            </button>
            <a
              href={`/admin/stats/export?${exportQuery}`}
              className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-700 px-3 text-base font-semibold"
            >
              导出 Excel
            </a>
          </div>
        </form>

        <section aria-labelledby="totals" className="mt-4 grid gap-4 md:grid-cols-2">
          <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 id="totals" className="text-lg font-semibold">
              合计 {q.from} 至 {q.to}（{includeDefaults ? "含默认评价" : "不含默认评价"}）
            </h2>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-base">
              {[
                ["评价数", String(t.ratings)],
                ["主动评价率", pct(t.activeRate)],
                ["平均分", num(t.average)],
                ["好评率", pct(t.goodRate)],
                ["差评率", pct(t.badRate)],
                ["差评工单", `${t.workOrders.opened}（逾期 ${t.workOrders.overdue}）`],
              ].map(([k, v]) => (
                <div key={k}>
                  <dt className="text-sm text-stone-600">{k}</dt>
                  <dd className="text-xl font-bold">{v}</dd>
                </div>
              ))}
            </dl>
            <h3 className="mt-3 text-base font-semibold">评价等级分布</h3>
            <StatsChart spec={levelSpec(t)}>
              <ul className="mt-1 space-y-1" aria-label="评价等级分布">
                {LEVELS.map((l) => (
                  <li key={l} className="grid grid-cols-[6rem_1fr_4rem] items-center gap-2 text-sm">
                    <span>{LEVEL_WORD[l]}</span>
                    <span className="h-3 rounded bg-stone-100">
                      <span
                        className="block h-3 rounded bg-brand"
                        style={{ width: `${t.ratings ? (t.levels[l] / t.ratings) * 100 : 0}%` }}
                      />
                    </span>
                    <span className="text-right">{t.levels[l]}</span>
                  </li>
                ))}
              </ul>
            </StatsChart>
          </div>
          <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-lg font-semibold">每日评价数</h2>
            {trend.rows.length === 0 ? (
              <p className="mt-2 text-base">这段时间没有评价。</p>
            ) : (
              <StatsChart spec={trendSpec(q, trend.rows)}>
                <ol className="mt-2 flex h-40 items-end gap-px" aria-label="每日评价数">
                  {trend.rows.map((d) => (
                    <li
                      key={d.key}
                      title={`${d.key}：${d.ratings}`}
                      aria-label={`${d.key}：${d.ratings} 条`}
                      className="flex-1 bg-brand"
                      style={{ height: `${(d.ratings / maxDay) * 100}%` }}
                    />
                  ))}
                </ol>
              </StatsChart>
            )}
          </div>
        </section>

        <h2 className="mt-6 text-xl font-semibold">按{GROUP_WORD[q.groupBy]}排名</h2>
        {(q.groupBy === "staff" || q.groupBy === "window") && (
          <p className="text-sm text-stone-700">
            按窗口、人员统计时只计服务评价部分；申诉采纳（不予采纳）的服务评价计入“不予采纳”，不计入其他数字。
          </p>
        )}
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b-2 border-stone-300">
                {[
                  "编码",
                  "名称",
                  "评价数",
                  "主动评价数",
                  "默认评价数",
                  "不予采纳",
                  "平均分",
                  "主动评价平均分",
                  "好评率",
                  "差评率",
                  "主动评价率",
                  "差评工单",
                  "已办结",
                  "按时办结",
                  "逾期",
                ].map((h) => (
                  <th key={h} scope="col" className="px-2 py-2 whitespace-nowrap">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...answer.rows]
                .sort((a, b) =>
                  q.groupBy === "day"
                    ? 0
                    : (b.average ?? -1) - (a.average ?? -1) || b.ratings - a.ratings,
                )
                .map((r) => {
                  const next = drill(q, r);
                  return (
                    <tr key={r.key} className="border-b border-stone-200">
                      <td className="px-2 py-2">{r.key}</td>
                      <td className="min-w-28 px-2 py-2">
                        {next ? (
                          <Link className="underline" href={next}>
                            {r.name}
                          </Link>
                        ) : (
                          r.name
                        )}
                      </td>
                      {[
                        r.ratings,
                        r.active,
                        r.defaults,
                        r.notAdopted,
                        num(r.average),
                        num(r.averageActive),
                        pct(r.goodRate),
                        pct(r.badRate),
                        pct(r.activeRate),
                        r.workOrders.opened,
                        r.workOrders.closed,
                        r.workOrders.closedOnTime,
                        r.workOrders.overdue,
                      ].map((v, i) => (
                        <td key={i} className="px-2 py-2 text-right">
                          {v}
                        </td>
                      ))}
                    </tr>
                  );
                })}
            </tbody>
          </table>
          {answer.rows.length === 0 && <p className="mt-2 text-base">这段时间没有评价。</p>}
        </div>
      </main>
    );
  });
}
