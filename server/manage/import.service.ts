import "server-only";

import ExcelJS from "exceljs";

import type { Reader } from "@/db/types";

import { type ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { DomainError, isDomainError } from "../errors";
import { type EntityInput, existingId, rowOf, SCHEMAS, upsertRow } from "./entities.service";

/**
 * Spreadsheet import of staff and items (xlsx or CSV, first row the headers). A dry run lists
 * every bad row with its line and reason; a real run checks everything again inside the write
 * and writes nothing unless every row is good. A row whose code exists updates it; a new code
 * creates one. Codes are never deleted by an import.
 */
export type ImportKind = "staff" | "items";
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

const COLUMNS: Record<ImportKind, Record<string, { field: string; required: boolean }>> = {
  staff: {
    工号: { field: "staffNo", required: true },
    姓名: { field: "name", required: true },
    机构代码: { field: "orgCode", required: true },
    窗口编码: { field: "windowCode", required: false },
  },
  items: {
    事项编码: { field: "code", required: true },
    事项名称: { field: "name", required: true },
    机构代码: { field: "orgCode", required: true },
    需要证照: { field: "needsCertificate", required: true },
    繁体名称: { field: "nameHant", required: false },
    英文名称: { field: "nameEn", required: false },
  },
};
export const HEADERS: Record<ImportKind, string[]> = {
  staff: Object.keys(COLUMNS.staff),
  items: Object.keys(COLUMNS.items),
};

export interface ImportProblem {
  line: number;
  field: string | null;
  message: string;
}
export interface ImportReport {
  kind: ImportKind;
  rows: number;
  creates: number;
  updates: number;
  problems: ImportProblem[];
  written: boolean;
}

type Table = { line: number; cells: string[] }[];

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM. */
export function parseCsv(textIn: string): Table {
  const text = textIn.replace(/^\uFEFF/, "");
  const out: Table = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      out.push({ line: rowLine, cells: row });
      row = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    out.push({ line: rowLine, cells: row });
  }
  return out;
}

async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new DomainError("invalid", "文件：不是有效的 xlsx 文件", { field: "file" });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new DomainError("invalid", "文件：xlsx 里没有工作表", { field: "file" });
  const out: Table = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? "");
    out.push({ line, cells });
  });
  return out;
}

export async function readTable(name: string, bytes: Uint8Array): Promise<Table> {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new DomainError("invalid", "文件：超过 5 MB", { field: "file" });
  // xlsx is a zip: PK\x03\x04
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return parseXlsx(bytes);
  if (/\.xlsx$/i.test(name))
    throw new DomainError("invalid", "文件：名为 .xlsx，内容却不是 xlsx", { field: "file" });
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  return parseCsv(text);
}

const YES = new Set(["是", "y", "yes", "true", "1"]);
const NO = new Set(["否", "n", "no", "false", "0"]);

/** Checks every row against the database as it is (inside the write on a real run). */
async function check(db: Reader, kind: ImportKind, table: Table) {
  const problems: ImportProblem[] = [];
  const good: { line: number; code: string; row: Record<string, unknown>; id: string | null }[] =
    [];
  const header = table[0];
  if (!header) return { problems: [{ line: 1, field: null, message: "文件是空的" }], good };
  const names = header.cells.map((c) => c.trim());
  const index = new Map<string, number>();
  for (const [col, spec] of Object.entries(COLUMNS[kind])) {
    const at = names.indexOf(col);
    if (at >= 0) index.set(spec.field, at);
    else if (spec.required)
      problems.push({
        line: header.line,
        field: spec.field,
        message: `表头：缺少“${col}”列（应为 ${HEADERS[kind].join("、")}）`,
      });
  }
  if (problems.length) return { problems, good };
  const rows = table.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      problems: [
        {
          line: rows[MAX_IMPORT_ROWS]!.line,
          field: null,
          message: `一次最多导入 ${MAX_IMPORT_ROWS} 行`,
        },
      ],
      good,
    };
  const seen = new Map<string, number>();
  for (const r of rows) {
    const raw: Record<string, unknown> = {};
    for (const [field, at] of index) raw[field] = (r.cells[at] ?? "").trim();
    if (kind === "items") {
      const v = typeof raw.needsCertificate === "string" ? raw.needsCertificate.toLowerCase() : "";
      raw.needsCertificate = YES.has(v) ? true : NO.has(v) ? false : undefined;
    }
    const parsed = SCHEMAS[kind].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        line: r.line,
        field: issue?.path.map(String).join(".") ?? null,
        message: issue?.message ?? "内容不正确",
      });
      continue;
    }
    const input = parsed.data as EntityInput<ImportKind>;
    const code =
      kind === "staff"
        ? (input as EntityInput<"staff">).staffNo
        : (input as EntityInput<"items">).code;
    const dup = seen.get(code);
    if (dup) {
      problems.push({
        line: r.line,
        field: kind === "staff" ? "staffNo" : "code",
        message: `${kind === "staff" ? "工号" : "事项编码"}：${code} 与第 ${dup} 行重复`,
      });
      continue;
    }
    seen.set(code, r.line);
    try {
      good.push({
        line: r.line,
        code,
        row: await rowOf(db, kind, input),
        id: await existingId(db, kind, code),
      });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      problems.push({
        line: r.line,
        field: (e.details as { field?: string } | undefined)?.field ?? null,
        message: e.message,
      });
    }
  }
  if (rows.length === 0)
    problems.push({ line: header.line + 1, field: null, message: "表头之后没有数据行" });
  return { problems, good };
}

export async function importTable(
  { deps, actor }: ActorCtx,
  kind: ImportKind,
  file: { name: string; bytes: Uint8Array },
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  const table = await readTable(file.name, file.bytes);
  const report = (c: Awaited<ReturnType<typeof check>>, written: boolean): ImportReport => ({
    kind,
    rows: c.good.length + new Set(c.problems.map((p) => p.line)).size,
    creates: c.good.filter((g) => !g.id).length,
    updates: c.good.filter((g) => g.id).length,
    problems: c.problems,
    written,
  });
  if (opts.dryRun) return report(await check(deps.database.db, kind, table), false);
  return deps.database.write(async (tx) => {
    const c = await check(tx, kind, table);
    if (c.problems.length) return report(c, false);
    const now = deps.clock.now();
    for (const g of c.good) await upsertRow(tx, kind, g.row, g.id, now);
    const r = report(c, true);
    await audit(
      deps,
      actor,
      {
        action: `manage.${kind}.import`,
        target: `import:${file.name.slice(0, 100)}`,
        detail: { creates: r.creates, updates: r.updates },
      },
      tx,
    );
    return r;
  });
}
