import { mkdirSync, writeFileSync } from "node:fs";

import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";

import {
  a11yViolations,
  appAndBrowser,
  codeFor,
  completedCase,
  type Person,
  proveByOtp,
  ratableCase,
  state,
  submitFromPage,
  watchErrors,
} from "./fixtures";
import { readPdf } from "./pdf";

const app = appAndBrowser();
const person: Person = { name: "伍秀兰", idNumber: "440781196205150021", phone: "13902290023" };
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
const SHOTS = ".tmp/shots";

async function shoot(page: Page, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}
/** A table's body cells, row by row, as the page shows them. */
const cellsOf = (page: Page, name: string) =>
  page
    .getByRole("table", { name })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")),
    );
async function xlsxOf(page: Page, linkName: string): Promise<ExcelJS.Workbook> {
  const href = await page.getByRole("link", { name: linkName }).getAttribute("href");
  const res = await page.request.get(`${app.server.url}${href}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(await res.body()).buffer);
  return book;
}
const two = (v: unknown) => (typeof v === "number" ? v.toFixed(2) : "—");
const percent = (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(2)}%` : "—");

test(
  "the bureau's 通报 of this month: figures on the page, the same in the xlsx and in the A4 PDF",
  { timeout: 240_000 },
  async () => {
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await ratableCase(app.server.url, person));
    const rater = await (await app.browser.newContext()).newPage();
    await rater.goto(cases[0]!.url);
    await proveByOtp(rater, app.server.url, person.phone);
    for (const c of cases)
      expect(await submitFromPage(rater, c.token, `rep-${c.serialNo}`)).toBe(200);
    // and one at window W01 with 李敏 (TS0001), service part included, so staff have results too
    const atWindow = await completedCase(app.server.url, { applicant: person });
    const { token } = await codeFor(app.server.url, { serialNo: atWindow.serialNo });
    const scores = [
      { indicatorCode: "overall", level: "satisfied", tagCodes: [] },
      { indicatorCode: "svc.attitude", level: "satisfied", tagCodes: [] },
      { indicatorCode: "svc.ability", level: "basic", tagCodes: [] },
    ];
    const status = await rater.evaluate(
      async (body) =>
        (
          await fetch("/api/trpc/ratings.submit", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          })
        ).status,
      { token, submissionId: `rep-${atWindow.serialNo}`, stage: "completion", scores },
    );
    expect(status).toBe(200);

    const page = await (
      await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.url}/admin/reports`);
    expect(await state(page)).toBe("sign_in");
    await page.getByLabel("账号").fill("bureau");
    await page.getByLabel("密码").fill("demo-bureau");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => state(page)).toBe("reports");
    await page.getByLabel("月份").fill(today.slice(0, 7));
    await page.getByRole("button", { name: "按月查看" }).click();
    await expect.poll(() => page.url()).toContain(`month=${today.slice(0, 7)}`);
    const title = `台山市政务服务好差评情况通报（${year}年${month}月）`;
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).allTextContents())
      .toContain(title);
    const units = await cellsOf(page, "各单位排名");
    expect(units.length).toBeGreaterThan(0);
    expect(units.map((u) => Number(u[0]))).toEqual(units.map((_, i) => i + 1));
    expect(units.reduce((n, u) => n + Number(u[2]), 0)).toBeGreaterThanOrEqual(4);
    await shoot(page, "reports-1280");
    await shoot(page, "reports-1280-full", true);
    expect(await a11yViolations(page)).toEqual([]);

    // 导出 Excel: the same ranking, figure for figure
    const book = await xlsxOf(page, "导出 Excel");
    const sheet = book.getWorksheet("单位排名")!;
    expect(sheet.rowCount - 1).toBe(units.length);
    units.forEach((u, i) => {
      const x = sheet.getRow(i + 2).values as unknown[];
      expect([
        String(x[1]),
        x[2],
        String(x[4]),
        percent(x[10]),
        two(x[6]),
        percent(x[8]),
        percent(x[9]),
      ]).toEqual([u[0], u[1], u[2], u[3], u[4], u[5], u[6]]);
    });

    // the print view, printed by Chromium to an A4 PDF that holds the title, the date and the figures
    await page.getByRole("link", { name: "打印版（A4）" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await shoot(page, "reports-print-1280");
    await page.emulateMedia({ media: "print" });
    await shoot(page, "reports-print-media-1280", true);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(`${SHOTS}/report.pdf`, pdf);
    const printed = readPdf(pdf);
    writeFileSync(`${SHOTS}/report-pdf-page1.png`, printed.firstPagePng);
    for (const p of printed.pages)
      expect([Math.round(p.widthPt), Math.round(p.heightPt)]).toEqual([595, 842]);
    const text = printed.pages.map((p) => p.text).join("\n");
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain(title);
    expect(flat).toContain(`${year}年${month}月${Number(today.slice(8, 10))}日`);
    expect(flat).not.toContain("管理后台导航");
    for (const u of units) expect(flat, u.join(" ")).toContain(u.slice(0, 7).join(""));
    expect(errors).toEqual([]);
  },
);

test(
  "the bureau edits the year's assessment rules (a bad weight refused, naming it), sees the ranking, exports it",
  { timeout: 180_000 },
  async () => {
    const page = await (
      await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.url}/admin/assessment`);
    await page.getByLabel("账号").fill("bureau");
    await page.getByLabel("密码").fill("demo-bureau");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => state(page)).toBe("assessment");

    await page.getByLabel("平均分权重").fill("2");
    await page.getByRole("button", { name: "保存规则" }).click();
    await expect
      .poll(() => page.locator("main").getByRole("alert").textContent())
      .toBe("平均分权重不能大于 1");
    await shoot(page, "assessment-refused-1280");
    for (const [label, value] of [
      ["平均分权重", "0.5"],
      ["按时办结率权重", "0.3"],
      ["回访率权重", "0.2"],
      ["每条属实差评扣分", "2"],
    ] as const)
      await page.getByLabel(label).fill(value);
    await page.getByRole("button", { name: "保存规则" }).click();
    await expect
      .poll(() => page.locator("main").getByRole("status").textContent())
      .toContain("已保存");
    await page.reload();
    expect(await page.getByLabel("平均分权重").inputValue()).toBe("0.5");

    const tableName = `${year}年度单位考核结果`;
    const rows = await cellsOf(page, tableName);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i + 1));
    const scores = rows.map((r) => Number(r[3]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await shoot(page, "assessment-1280");
    expect(await a11yViolations(page)).toEqual([]);

    const book = await xlsxOf(page, "导出 Excel");
    const sheet = book.getWorksheet("考核结果")!;
    expect(sheet.rowCount - 1).toBe(rows.length);
    rows.forEach((r, i) => {
      const x = sheet.getRow(i + 2).values as unknown[];
      expect([String(x[1]), x[3], x[2], two(x[4]), two(x[5]), String(x[6])]).toEqual([
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
      ]);
    });
    expect(book.getWorksheet("考核规则")!.getRow(2).values).toEqual([undefined, "平均分权重", 0.5]);

    await page.getByLabel("考核对象").selectOption("staff");
    await page.getByRole("button", { name: "查看" }).click();
    await expect.poll(() => page.url()).toContain("by=staff");
    await expect.poll(() => page.getByRole("columnheader", { name: "工作人员" }).count()).toBe(1);
    const staffRows = await cellsOf(page, `${year}年度人员考核结果`);
    expect(staffRows.map((r) => r[2])).toContain("TS0001");
    await shoot(page, "assessment-staff-1280");
    // the one refused save is the browser's only complaint
    expect(errors).toEqual([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
  },
);
