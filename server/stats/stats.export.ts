import "server-only";

import { PassThrough, Readable } from "node:stream";

import ExcelJS from "exceljs";

import type { TStatsAnswer, TStatsRow } from "./stats.schema";

/** SPEC §6: the export's header row, in this order. */
export const EXPORT_HEADER = [
  "编码",
  "名称",
  "评价数",
  "主动评价数",
  "默认评价数",
  "非常满意",
  "满意",
  "基本满意",
  "不满意",
  "非常不满意",
  "平均分",
  "主动评价平均分",
  "好评率",
  "差评率",
  "主动评价率",
  "差评工单",
  "已办结",
  "按时办结",
  "逾期",
] as const;

const RATE_COLUMNS = [13, 14, 15];

function cells(r: TStatsRow): (string | number | null)[] {
  return [
    r.key,
    r.name,
    r.ratings,
    r.active,
    r.defaults,
    r.levels.very_satisfied,
    r.levels.satisfied,
    r.levels.basic,
    r.levels.unsatisfied,
    r.levels.very_unsatisfied,
    r.average,
    r.averageActive,
    r.goodRate,
    r.badRate,
    r.activeRate,
    r.workOrders.opened,
    r.workOrders.closed,
    r.workOrders.closedOnTime,
    r.workOrders.overdue,
  ];
}

/**
 * The figures as an xlsx workbook, streamed (exceljs' streaming writer: rows are committed as they
 * are written, so a year of staff rows never sits in memory as a workbook). Numbers stay numbers;
 * rates are fractions formatted as percentages.
 */
export function statsWorkbookStream(answer: TStatsAnswer): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet(`${answer.from}至${answer.to}`.slice(0, 31));
  sheet.columns = EXPORT_HEADER.map((h, i) => ({
    header: h,
    key: String(i),
    width: i === 1 ? 24 : 12,
    ...(RATE_COLUMNS.includes(i + 1) ? { style: { numFmt: "0.00%" } } : {}),
  }));
  const write = async () => {
    for (const r of answer.rows) sheet.addRow(cells(r)).commit();
    sheet.addRow(cells({ ...answer.totals, key: "合计", name: "合计" })).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function xlsxResponse(body: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": XLSX_TYPE,
      "content-disposition": `attachment; filename="stats.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "no-store",
    },
  });
}
