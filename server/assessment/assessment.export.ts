import "server-only";

import { PassThrough, Readable } from "node:stream";

import ExcelJS from "exceljs";

import { RULE_LABELS, type TAssessmentRules } from "./assessment.rules";
import type { AssessmentRow } from "./assessment.service";

export const ASSESSMENT_HEADER = [
  "名次",
  "编码",
  "名称",
  "考核得分",
  "平均分",
  "评价数",
  "差评工单",
  "按时办结",
  "已回访",
  "属实差评",
] as const;

/** Article 24's results as an xlsx workbook (streamed): the ranking, then the year's rules it was scored by. */
export function assessmentWorkbookStream(
  title: string,
  rules: TAssessmentRules,
  rows: AssessmentRow[],
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const write = async () => {
    const results = book.addWorksheet("考核结果");
    results.columns = ASSESSMENT_HEADER.map((header, i) => ({
      header,
      key: String(i),
      width: i === 2 ? 28 : 12,
    }));
    for (const r of rows)
      results
        .addRow([
          r.rank,
          r.key,
          r.name,
          r.score,
          r.average,
          r.ratings,
          r.opened,
          r.closedOnTime,
          r.revisited,
          r.confirmedBad,
        ])
        .commit();
    results.commit();
    const sheet = book.addWorksheet("考核规则");
    sheet.columns = [
      { header: title, key: "k", width: 28 },
      { header: "", key: "v", width: 12 },
    ];
    for (const row of [
      [RULE_LABELS.average, rules.weights.average],
      [RULE_LABELS.onTime, rules.weights.onTime],
      [RULE_LABELS.revisit, rules.weights.revisit],
      [RULE_LABELS.deduction, rules.deduction],
    ])
      sheet.addRow(row).commit();
    sheet.commit();
    await book.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
