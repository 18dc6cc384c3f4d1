import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";
import { RATING_EXPORT_HEADER } from "@/server/ratingdesk/ratingdesk.export";

import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { badlyRated, serviceBadlyRated } from "../workorder-fixtures";
import { adminCookie } from "./admin-session";

/**
 * 评价记录's 导出 Excel over HTTP: the list's rows for the same filters in the account's scope,
 * streamed as xlsx, with the rater masked and no other PII; a bad filter is a 400, never a 500.
 */
describe("/admin/ratings/export", () => {
  let server: RunningServer;
  const made = { taicheng: [] as { serialNo: string; phone: string; name: string }[], dajiang: "" };
  beforeAll(async () => {
    const file = copyTemplateDb();
    const database = await openDatabase(`file:${file}`);
    const deps = depsOf(database, inject("dataKey"), systemClock);
    for (const c of [await serviceBadlyRated(deps, "W11"), await badlyRated(deps, "W11")])
      made.taicheng.push({
        serialNo: c.serialNo,
        phone: c.event.case.applicant.phone,
        name: c.event.case.applicant.name,
      });
    made.dajiang = (await badlyRated(deps, "W21")).serialNo;
    database.close();
    server = await startServer({ databaseUrl: `file:${file}` });
  });
  afterAll(async () => server?.stop());

  const signIn = (login: string) => adminCookie(server.url, login);

  async function sheetOf(res: Response): Promise<string[][]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows: string[][] = [];
    book.worksheets[0]!.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (typeof v === "string" ? v : v == null ? "" : JSON.stringify(v))),
      ),
    );
    return rows;
  }

  test("台城街道's admin gets its two ratings (newest first), the rater masked, no phone or full name; 大江镇's is not in it", async () => {
    const cookie = await signIn("admin-440781101");
    const res = await fetch(`${server.url}/admin/ratings/export`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const rows = await sheetOf(res);
    expect(rows[0]).toEqual([...RATING_EXPORT_HEADER]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(made.taicheng.map((c) => c.serialNo).reverse());
    expect(rows.slice(1).map((r) => r[14])).toEqual(["黄*英", "黄*英"]);
    const text = JSON.stringify(rows);
    for (const c of made.taicheng) {
      expect(text).not.toContain(c.phone);
      expect(text).not.toContain(c.name);
    }
    expect(text).not.toContain(made.dajiang);
    // the same filters as the page: 总体评价 满意 is the service-part one only
    const filtered = await sheetOf(
      await fetch(`${server.url}/admin/ratings/export?level=satisfied`, { headers: { cookie } }),
    );
    expect(filtered.slice(1).map((r) => r[1])).toEqual([made.taicheng[0]!.serialNo]);
  });

  test("refusals: signed out 401; a window staff account 403; a bad filter 400 with its sentence", async () => {
    expect((await fetch(`${server.url}/admin/ratings/export`)).status).toBe(401);
    const staff = await signIn("TS1101");
    expect(
      (await fetch(`${server.url}/admin/ratings/export`, { headers: { cookie: staff } })).status,
    ).toBe(403);
    const cookie = await signIn("admin-440781101");
    for (const [query, sentence] of [
      ["from=2026-3-1", "日期格式应为 YYYY-MM-DD"],
      ["after=%%%", "翻页参数无效"],
      ["org=%E5%8F%B0", "单位应为编码"],
    ] as const) {
      const res = await fetch(`${server.url}/admin/ratings/export?${query}`, {
        headers: { cookie },
      });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        sentence,
      );
    }
  });
});
