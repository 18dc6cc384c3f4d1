import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { passwordOf } from "../admin-caller";
import { copyTemplateDb } from "../db";
import { type RunningServer, startServer } from "../http-server";

/**
 * /admin/reports and /admin/assessment over real HTTP (SPEC §7: bureau only): an org admin gets
 * 403 无权访问 on both pages, the print view and both exports; signed out, an export is a 401; a bad
 * query or a bad rule is a 4xx whose sentence names the field — never a 5xx.
 */
let server: RunningServer;
const errorShape = {
  error: { code: expect.any(String) as string, message: expect.any(String) as string },
};
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const year = month.slice(0, 4);
const period = `from=${month}-01&to=${month}-28`;

beforeAll(async () => {
  server = await startServer({ databaseUrl: `file:${copyTemplateDb()}` });
}, 90_000);
afterAll(async () => server?.stop());

async function signIn(login: string): Promise<string> {
  const res = await fetch(`${server.url}/api/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ login, password: passwordOf(login) }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}
const get = (path: string, cookie = "") => fetch(`${server.url}${path}`, { headers: { cookie } });

describe("通报 and 绩效考核 over HTTP", () => {
  test("an org admin gets 403 无权访问 on the pages, the print view and the exports; signed out an export is 401", async () => {
    const admin = await signIn("admin-440781101");
    for (const path of ["/admin/reports", `/admin/reports/print?${period}`, "/admin/assessment"]) {
      const res = await get(path, admin);
      expect(res.status, path).toBe(403);
      const html = await res.text();
      expect(html, path).toContain("无权访问");
      expect(html, path).not.toContain("各单位排名");
    }
    for (const path of [
      `/admin/reports/export?${period}`,
      `/admin/assessment/export?year=${year}`,
    ]) {
      const refused = await get(path, admin);
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toEqual({ error: { code: "forbidden", message: "无权访问" } });
      const anonymous = await get(path);
      expect(anonymous.status, path).toBe(401);
      expect(await anonymous.json()).toEqual(errorShape);
    }
    const trpc = await get(
      `/api/trpc/reports.report?input=${encodeURIComponent(JSON.stringify({ from: `${month}-01`, to: `${month}-28` }))}`,
      admin,
    );
    expect(trpc.status).toBe(403);
  });

  test("the bureau's exports are xlsx; bad queries are 400 naming the field; a bad rule is 400 naming the field", async () => {
    const bureau = await signIn("bureau");
    for (const path of [
      `/admin/reports/export?${period}`,
      `/admin/assessment/export?year=${year}&quarter=1&by=staff`,
    ]) {
      const res = await get(path, bureau);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toContain("spreadsheetml");
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      expect(book.worksheets.length, path).toBeGreaterThan(1);
    }
    for (const [path, words] of [
      [`/admin/reports/export?from=${month}-28&to=${month}-01`, "from: 开始日期不能晚于结束日期"],
      ["/admin/reports/export?from=2024-01-01&to=2026-01-01", "to: 统计期共 732 天，最长 366 天"],
      [
        "/admin/reports/export?from=2026-02-30&to=2026-03-01",
        "from: 开始日期必须是真实的日期（年-月-日）",
      ],
      ["/admin/assessment/export?year=26", "year: 年份应写成四位数字，如 2026"],
      [`/admin/assessment/export?year=${year}&quarter=9`, "quarter: 季度只能是 1、2、3、4"],
      [
        `/admin/assessment/export?year=${year}&by=rater`,
        "by: 考核对象只能是单位（org）或人员（staff）",
      ],
    ] as const) {
      const res = await get(path, bureau);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ error: { code: "validation_failed", message: words } });
    }
    // a wrong period in the page's URL is shown as a sentence on the page, not an error page
    const page = await get("/admin/reports?month=2026-13", bureau);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("月份应写成“2026-03”的样子");

    const bad = await fetch(`${server.url}/api/trpc/assessment.setRules`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie: bureau },
      body: JSON.stringify({
        year: Number(year),
        rules: { weights: { average: 2, onTime: 0, revisit: 0 }, deduction: 1 },
      }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      "平均分权重不能大于 1",
    );
  });
});
