import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import { a11yViolations, appAndBrowser, phone, proveByOtp } from "./fixtures";

const app = appAndBrowser();

/** A 一件事 of two items for one applicant, completed a minute ago; its code's URL. */
async function theme(phoneNo: string, idNumber: string) {
  const api = v1(app.server.url);
  const at = new Date(Date.now() - 60_000).toISOString();
  const themeNo = `ZT-${phoneNo}`;
  const serials: string[] = [];
  for (const itemCode of ["ITEM-0002", "ITEM-0003"]) {
    const e = caseEvent({ occurredAt: at, case: { themeNo, themeName: "开办餐饮店“一件事”", itemCode, needsCertificate: false, applicant: { type: "person", name: "甄丽华", idNumber, phone: phoneNo } } });
    await api.post("/api/v1/case-events", e);
    await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }));
    serials.push(e.case.serialNo);
  }
  const qr = await api.post("/api/v1/qr-codes", { themeNo, kind: "static" });
  return { url: qr.body.url as string, serials, phoneNo };
}

async function openAndProve(url: string, phoneNo: string): Promise<Page> {
  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(url);
  expect(await page.locator("main").getAttribute("data-state")).toBe("open");
  await proveByOtp(page, app.server.url, phoneNo);
  return page;
}

const completionOf = async (serialNo: string) =>
  ((await v1(app.server.url).get(`/api/v1/cases/${serialNo}`)).body.ratingStages as { stage: string; status: string }[]).find((s) => s.stage === "completion")?.status;

test("a theme rated by its overall only: every item's case is rated", async () => {
  const t = await theme("13600002222", "440781198805050025");
  const page = await openAndProve(t.url, t.phoneNo);
  await page.getByRole("group", { name: "总体评价" }).getByRole("radio", { name: "满意", exact: true }).check({ force: true });
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => page.locator("main").getAttribute("data-state")).toBe("receipt");
  for (const s of t.serials) expect(await completionOf(s)).toBe("rated");
});

test("a theme expanded: one item rated on its own, in its own section", async () => {
  const t = await theme("13600003333", "440781198906060036");
  const page = await openAndProve(t.url, t.phoneNo);
  await page.getByRole("group", { name: "总体评价" }).getByRole("radio", { name: "非常满意", exact: true }).check({ force: true });
  await page.locator("summary", { hasText: "分别评价各个事项" }).click();
  const item = page.getByRole("region", { name: "个体工商户设立登记" });
  await item.getByRole("group", { name: "跑动次数" }).getByRole("radio", { name: "基本满意", exact: true }).check({ force: true });
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: ".tmp/screenshots/theme-expanded.png", fullPage: true });
  expect(await a11yViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => page.locator("main").getAttribute("data-state")).toBe("receipt");
  for (const s of t.serials) expect(await completionOf(s)).toBe("rated");
});
