import "server-only";

import { PassThrough, Readable } from "node:stream";

import ExcelJS from "exceljs";

import { shanghaiDate } from "../time/shanghai";
import { STATUS_WORD } from "../workorders/workorders.rules";
import type { Report } from "./report.service";

/** The 通报 as an xlsx workbook (streamed): one sheet per section, numbers as numbers, rates as percentages. */
export function reportWorkbookStream(report: Report): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = (
    name: string,
    header: string[],
    rows: (string | number | null)[][],
    percent: number[] = [],
  ) => {
    const s = book.addWorksheet(name);
    s.columns = header.map((h, i) => ({
      header: h,
      key: String(i),
      width: i === 1 ? 28 : 14,
      ...(percent.includes(i) ? { style: { numFmt: "0.00%" } } : {}),
    }));
    for (const r of rows) s.addRow(r).commit();
    s.commit();
  };
  sheet(
    "单位排名",
    [
      "名次",
      "单位",
      "编码",
      "评价数",
      "主动评价数",
      "平均分",
      "主动评价平均分",
      "好评率",
      "差评率",
      "主动评价率",
      "差评工单",
      "已办结",
      "按时办结",
      "逾期",
      "督办",
    ],
    report.units.map((u) => [
      u.rank,
      u.name,
      u.key,
      u.ratings,
      u.active,
      u.average,
      u.averageActive,
      u.goodRate,
      u.badRate,
      u.activeRate,
      u.workOrders.opened,
      u.workOrders.closed,
      u.workOrders.closedOnTime,
      u.workOrders.overdue,
      u.supervised,
    ]),
    [7, 8, 9],
  );
  sheet(
    "差评较多事项",
    ["编码", "事项", "差评数", "评价数"],
    report.badItems.map((i) => [i.code, i.name, i.bad, i.ratings]),
  );
  sheet(
    "差评标签",
    ["编码", "标签", "次数"],
    report.badTags.map((t) => [t.code, t.text, t.count]),
  );
  sheet(
    "逾期工单",
    ["工单", "单位", "办件流水号", "办理期限", "状态"],
    report.overdue.map((w) => [
      w.id,
      w.org,
      w.serialNo,
      shanghaiDate(w.dueAt - 1),
      STATUS_WORD[w.status],
    ]),
  );
  sheet(
    "重开工单",
    ["工单", "单位", "办件流水号", "重开日期", "新办理期限", "状态"],
    report.reopened.map((w) => [
      w.id,
      w.org,
      w.serialNo,
      shanghaiDate(w.reopenedAt),
      shanghaiDate(w.dueAt - 1),
      STATUS_WORD[w.status],
    ]),
  );
  sheet(
    "申诉处理",
    ["结果", "件数"],
    [
      ["采纳", report.appealsDecided.adopted],
      ["驳回", report.appealsDecided.rejected],
    ],
  );
  book.commit().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
