import { assessmentTitle } from "@/server/assessment/assessment.rules";
import { ZAssessmentParams } from "@/server/assessment/assessment.schema";
import { shanghaiDate } from "@/server/time/shanghai";

import { adminPage } from "../_components/admin-page";
import { DataTable } from "../_components/data-table";
import { num } from "../_components/format";
import { RulesForm } from "./rules-form";

export const metadata = { title: "绩效考核" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const card = "rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200";
const field = "mt-1 block min-h-11 rounded-lg border-2 border-stone-400 bg-white px-2 text-base";

/**
 * SPEC §7 `/admin/assessment` (bureau, article 24): the year's rules, edited here (audited on the
 * server), and the results per unit or per staff member for the year or a quarter, ranked, with
 * 导出 Excel. The query is the URL (`?year=2026&quarter=1&by=staff`).
 */
export default async function Assessment({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, one(v)] as const)
      .filter((e): e is readonly [string, string] => !!e[1]),
  );
  return adminPage(
    async ({ caller, deps }) => {
      const thisYear = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
      const parsed = ZAssessmentParams.safeParse({ year: String(thisYear), ...raw });
      const q = parsed.success ? parsed.data : { year: thisYear, by: "org" as const };
      const { rules, rows } = await caller.assessment.results(q);
      const title = assessmentTitle(q);
      const exportQuery = new URLSearchParams({
        year: String(q.year),
        by: q.by,
        ...(q.quarter ? { quarter: String(q.quarter) } : {}),
      });
      return (
        <main data-state="assessment" className="max-w-6xl">
          <h1 className="text-2xl font-bold">绩效考核</h1>
          <p className="mt-1 text-base text-stone-700">
            “好差评”结果纳入单位和窗口工作人员绩效考核（第二十四条）。考核规则每年由本局制定，修改会记入审计日志。
          </p>
          {!parsed.success && (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
              查询条件有误，已显示 {thisYear} 年全年单位考核结果：{parsed.error.issues[0]?.message}
            </p>
          )}

          <section aria-labelledby="rules" className={`${card} mt-4`}>
            <h2 id="rules" className="text-lg font-semibold">
              {q.year} 年考核规则
            </h2>
            <p className="mt-1 text-base leading-relaxed text-stone-700">
              考核得分 = 100 ×（平均分 ÷ 10 × 平均分权重 + 按时办结率 × 按时办结率权重 + 回访率 ×
              回访率权重）− 属实差评条数 × 每条扣分，最低 0 分。三项权重各在 0 至 1 之间，之和为
              1；没有差评工单的，按时办结率和回访率按 100% 计。
            </p>
            <RulesForm key={`${q.year}-${JSON.stringify(rules)}`} year={q.year} rules={rules} />
          </section>

          <form
            method="get"
            aria-label="考核结果条件"
            className={`${card} mt-4 flex flex-wrap items-end gap-3`}
          >
            <label className="text-sm font-medium">
              年度
              <select name="year" defaultValue={String(q.year)} className={field}>
                {[...new Set([thisYear, thisYear - 1, thisYear - 2, q.year])].map((y) => (
                  <option key={y} value={y}>
                    {y} 年
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-medium">
              期间
              <select
                name="quarter"
                defaultValue={q.quarter ? String(q.quarter) : ""}
                className={field}
              >
                <option value="">全年</option>
                {["一", "二", "三", "四"].map((w, i) => (
                  <option key={w} value={i + 1}>
                    第{w}季度
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-medium">
              考核对象
              <select name="by" defaultValue={q.by} className={field}>
                <option value="org">单位</option>
                <option value="staff">窗口工作人员</option>
              </select>
            </label>
            <button
              type="submit"
              className="min-h-11 rounded-lg bg-stone-900 px-4 text-base font-bold text-white"
            >
              查看
            </button>
            <a
              href={`/admin/assessment/export?${exportQuery}`}
              className="inline-flex min-h-11 items-center rounded-lg border-2 border-stone-700 px-4 text-base font-semibold"
            >
              导出 Excel
            </a>
          </form>

          <h2 className="mt-6 text-xl font-semibold">{title}</h2>
          {q.by === "staff" && (
            <p className="text-sm text-stone-600">
              按人员考核时只计评价中的服务部分（服务态度、服务能力）；申诉采纳的不计入。
            </p>
          )}
          <DataTable
            label={title}
            columns={[
              { head: "名次", numeric: true },
              { head: q.by === "org" ? "单位" : "工作人员" },
              { head: q.by === "org" ? "单位编码" : "工号" },
              ...["考核得分", "平均分", "评价数", "差评工单", "按时办结", "已回访", "属实差评"].map(
                (head) => ({ head, numeric: true }),
              ),
            ]}
            rows={rows.map((r) => [
              r.rank,
              r.name,
              <span key="k" className="font-mono text-sm">
                {r.key}
              </span>,
              <strong key="s">{num(r.score)}</strong>,
              num(r.average),
              r.ratings,
              r.opened,
              r.closedOnTime,
              r.revisited,
              r.confirmedBad,
            ])}
            empty={
              q.by === "org"
                ? "这段时间还没有评价，暂无考核结果。请换一个年度或季度再看。"
                : "这段时间没有窗口工作人员的服务评价，暂无人员考核结果。请换一个年度或季度，或按单位查看。"
            }
          />
        </main>
      );
    },
    { bureauOnly: true },
  );
}
