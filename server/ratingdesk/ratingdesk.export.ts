import "server-only";

import { PassThrough, Readable } from "node:stream";

import ExcelJS from "exceljs";

import zhCN from "@/messages/zh-CN.json";

import type { ScopedCtx } from "../access/admin-ctx";
import {
  CHANNEL_WORD,
  type TRatingQuery,
  type TRatingRow,
  ZRatingCursor,
} from "./ratingdesk.schema";
import { listRatings } from "./ratingdesk.service";

const STAGE_WORD = { receipt: "收件评价", completion: "办结评价", call: "12345 来电评价" } as const;

/** 导出 Excel's columns: the list's, no PII beyond the masked rater (article 16). */
export const RATING_EXPORT_HEADER = [
  "评价时间",
  "办件流水号",
  "事项",
  "单位",
  "窗口",
  "工作人员",
  "评价阶段",
  "渠道",
  "总体评价",
  "服务评价",
  "默认评价",
  "追加评价",
  "不予采纳",
  "差评工单",
  "评价人",
] as const;

const yes = (b: boolean) => (b ? "是" : "否");
const time = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  dateStyle: "short",
  timeStyle: "medium",
  hour12: false,
});

function cells(r: TRatingRow): string[] {
  return [
    time.format(r.createdAt),
    r.serialNo ?? (r.callId ? `12345 来电 ${r.callId}` : ""),
    r.itemName ?? "",
    r.orgName ?? "",
    r.windowCode ?? "",
    r.staffName ?? "",
    STAGE_WORD[r.stage],
    CHANNEL_WORD[r.channel as keyof typeof CHANNEL_WORD] ?? r.channel,
    r.level ? zhCN.client.levels[r.level] : "",
    r.serviceLevel ? zhCN.client.levels[r.serviceLevel] : "",
    yes(r.source === "default"),
    yes(r.appended),
    yes(r.notAdopted),
    r.workOrderId ? "有" : "",
    r.rater ?? "",
  ];
}

/**
 * The rows of 评价记录 for these filters as an xlsx workbook, streamed: each keyset page is read,
 * written and committed before the next is read, so a year of ratings never sits in memory.
 */
export function ratingsWorkbookStream(
  { deps, scope }: ScopedCtx,
  q: TRatingQuery,
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet("评价记录");
  sheet.columns = RATING_EXPORT_HEADER.map((h, i) => ({
    header: h,
    key: String(i),
    width: i === 1 || i === 2 ? 24 : 12,
  }));
  const write = async () => {
    let after = q.after;
    for (;;) {
      const page = await listRatings({ deps, scope }, { ...q, after, limit: 100 });
      for (const r of page.rows) sheet.addRow(cells(r)).commit();
      if (!page.next) break;
      after = ZRatingCursor.parse(page.next);
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
