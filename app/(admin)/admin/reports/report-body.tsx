import type { Report } from "@/server/reports/report.service";
import { STATUS_WORD } from "@/server/workorders/workorders.rules";

import { DataTable } from "../_components/data-table";
import { dueDay, num, pct, when } from "../_components/format";

/** The 通报's title, the same on screen, on paper and in the PDF. */
export const reportTitle = (periodTitle: string) =>
  `台山市政务服务好差评情况通报（${periodTitle}）`;

const h2 = "mt-6 text-xl font-semibold break-after-avoid print:mt-5 print:text-[13pt]";
const note = "text-sm text-stone-600 print:text-[9.5pt] print:text-black";

/**
 * On paper a table's header repeats and a row never splits; the short sections (items, tags,
 * appeals) move whole to the next page rather than leave a heading or a row behind.
 *
 * The body of a 通报 (article 23 ¶2): a summary in words, the units ranked, the items and tags
 * with the most 差评, overdue and reopened work orders, appeals decided. Server-rendered, shared
 * by /admin/reports and its print view. Org names, item names, ids and figures only — no rater.
 */
export function ReportBody({ report, paper = false }: { report: Report; paper?: boolean }) {
  const t = report.totals;
  const wo = t.workOrders;
  const a = report.appealsDecided;
  return (
    <>
      <section
        aria-labelledby="summary"
        className={
          paper
            ? "mt-4"
            : "mt-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 print:mt-3 print:p-0 print:shadow-none print:ring-0"
        }
      >
        <h2 id="summary" className="text-lg font-semibold print:text-[13pt]">
          一、总体情况
        </h2>
        <p className="mt-2 text-base leading-relaxed print:text-[11pt]">
          {t.ratings === 0
            ? "本期没有收到评价。"
            : `本期共收到评价 ${t.ratings} 条，其中主动评价 ${t.active} 条（主动评价率 ${pct(t.activeRate)}），默认好评 ${t.defaults} 条；平均分 ${num(t.average)}，好评率 ${pct(t.goodRate)}，差评率 ${pct(t.badRate)}。`}
          {`差评工单 ${wo.opened} 件，已办结 ${wo.closed} 件，其中按时办结 ${wo.closedOnTime} 件；当前逾期未办结 ${report.overdue.length} 件；整改后被评价人重开 ${report.reopened.length} 件。`}
          {`本期处理申诉 ${a.adopted + a.rejected} 件，采纳 ${a.adopted} 件，驳回 ${a.rejected} 件。`}
        </p>
        <dl
          className={paper ? "hidden" : "mt-3 grid grid-cols-3 gap-3 md:grid-cols-6 print:hidden"}
        >
          {[
            ["评价数", String(t.ratings)],
            ["平均分", num(t.average)],
            ["好评率", pct(t.goodRate)],
            ["差评率", pct(t.badRate)],
            ["逾期工单", String(report.overdue.length)],
            ["申诉采纳 / 驳回", `${a.adopted} / ${a.rejected}`],
          ].map(([k, v]) => (
            <div key={k} className="rounded-lg bg-stone-50 p-2">
              <dt className="text-sm text-stone-600">{k}</dt>
              <dd className="text-xl font-bold tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
      </section>

      <h2 className={h2}>二、各单位排名</h2>
      <p className={note}>
        按平均分排名，平均分相同时按好评率、评价数；含默认好评。12345
        热线的评价计入总体情况，不参加单位排名。
      </p>
      <DataTable
        label="各单位排名"
        columns={[
          { head: "名次", numeric: true },
          { head: "单位" },
          ...[
            "评价数",
            "主动评价率",
            "平均分",
            "好评率",
            "差评率",
            "差评工单",
            "按时办结",
            "逾期",
            "督办",
          ].map((head) => ({ head, numeric: true })),
        ]}
        rows={report.units.map((u) => [
          u.rank,
          u.name,
          u.ratings,
          pct(u.activeRate),
          num(u.average),
          pct(u.goodRate),
          pct(u.badRate),
          u.workOrders.opened,
          u.workOrders.closedOnTime,
          u.workOrders.overdue,
          u.supervised,
        ])}
        empty="本期没有单位收到评价。请换一个统计期再看。"
      />

      <div className="grid gap-x-6 lg:grid-cols-2 print:block">
        <section className="break-inside-avoid">
          <h2 className={h2}>三、差评较多的事项</h2>
          <DataTable
            label="差评较多的事项"
            columns={[
              { head: "事项" },
              { head: "事项编码" },
              { head: "差评数", numeric: true },
              { head: "评价数", numeric: true },
            ]}
            rows={report.badItems.map((i) => [
              i.name,
              <span className="font-mono text-sm">{i.code}</span>,
              i.bad,
              i.ratings,
            ])}
            empty="本期没有差评事项。"
          />
        </section>
        <section className="break-inside-avoid">
          <h2 className={h2}>四、差评原因标签</h2>
          <DataTable
            label="差评原因标签"
            columns={[{ head: "标签" }, { head: "次数", numeric: true }]}
            rows={report.badTags.map((t) => [t.text, t.count])}
            empty="本期差评没有选择标签。"
          />
        </section>
      </div>

      <h2 className={h2}>五、逾期未办结的差评工单</h2>
      <p className={note}>
        截至 {when(report.generatedAt)}，已过办理期限（第 10 个工作日
        24:00）仍未办结的工单（不限统计期）。
      </p>
      <DataTable
        label="逾期未办结的差评工单"
        columns={[{ head: "办件流水号" }, { head: "单位" }, { head: "办理期限" }, { head: "状态" }]}
        rows={report.overdue.map((w) => [
          <span className="font-mono text-sm">{w.serialNo ?? w.id}</span>,
          w.org,
          dueDay(w.dueAt),
          STATUS_WORD[w.status],
        ])}
        empty="没有逾期未办结的工单。"
      />

      <h2 className={h2}>六、整改后重开的工单</h2>
      <p className={note}>评价人对整改结果评“不满意”，工单重新打开，重新计算 10 个工作日。</p>
      <DataTable
        label="整改后重开的工单"
        columns={[
          { head: "办件流水号" },
          { head: "单位" },
          { head: "重开时间" },
          { head: "新办理期限" },
          { head: "状态" },
        ]}
        rows={report.reopened.map((w) => [
          <span className="font-mono text-sm">{w.serialNo ?? w.id}</span>,
          w.org,
          when(w.reopenedAt),
          dueDay(w.dueAt),
          STATUS_WORD[w.status],
        ])}
        empty="本期没有重开的工单。"
      />

      <section className="break-inside-avoid">
        <h2 className={h2}>七、申诉处理</h2>
        <DataTable
          label="申诉处理"
          columns={[{ head: "结果" }, { head: "件数", numeric: true }]}
          rows={[
            ["采纳（服务评价不予采纳）", a.adopted],
            ["驳回", a.rejected],
          ]}
          empty=""
        />
      </section>
    </>
  );
}
