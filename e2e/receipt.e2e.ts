import { mkdirSync, writeFileSync } from "node:fs";

import { expect, test } from "vitest";

import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import {
  a11yViolations,
  appAndBrowser,
  codeFor,
  phone,
  shot,
  signInAs,
  state,
  submitFromPage,
} from "./fixtures";
import { decodePdfQr } from "./qr";

const app = appAndBrowser();
const MM = 72 / 25.4;

test("staff print a 受理回执 at 80 mm and A4 whose QR code opens the case's rating page, and preview the page without being able to submit", async () => {
  const api = v1(app.server.url);
  const e = caseEvent({
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    case: { windowCode: "W01", staffNo: "TS0001" },
  });
  await api.post("/api/v1/case-events", e);

  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await context.newPage();
  await desk.goto(`${app.server.url}/staff`);
  await signInAs(desk, "TS0001", "demo-staff");
  await desk.getByRole("link", { name: `打印回执：${e.case.serialNo}` }).click();
  await expect.poll(() => state(desk)).toBe("receipt");
  expect(await desk.getByText(e.case.serialNo, { exact: true }).count()).toBe(1);
  // the applicant's name is masked on paper: receipts get left behind
  expect(await desk.getByText("黄秀英").count()).toBe(0);
  expect(await desk.getByText("黄*英").count()).toBe(1);
  expect(await a11yViolations(desk)).toEqual([]);

  mkdirSync(".tmp/screenshots", { recursive: true });
  await desk.emulateMedia({ media: "print" });
  const thermal = await desk.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(".tmp/screenshots/receipt-80mm.pdf", thermal);
  const small = decodePdfQr(thermal);
  expect(small.widthPt).toBeCloseTo(80 * MM, 0);
  expect(small.pages).toBe(1);
  await desk.emulateMedia({ media: "screen" });

  await desk.getByRole("link", { name: "A4" }).click();
  await expect.poll(() => desk.locator("main").getAttribute("data-layout")).toBe("a4");
  await desk.emulateMedia({ media: "print" });
  const a4 = await desk.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(".tmp/screenshots/receipt-a4.pdf", a4);
  const big = decodePdfQr(a4);
  expect(big.widthPt).toBeCloseTo(210 * MM, 0);
  expect(big.heightPt).toBeCloseTo(297 * MM, 0);
  expect(big.pages).toBe(1);
  await desk.emulateMedia({ media: "screen" });

  // both codes are the applicant's way in: a phone opens the case's rating page (receipt stage open)
  const mobileContext = await phone(app.browser);
  const mobile = await mobileContext.newPage();
  for (const url of [small.url, big.url]) {
    expect(url).toMatch(new RegExp(`^${app.server.url}/r/`));
    await mobile.goto(url);
    expect(await state(mobile)).toBe("receipt");
    expect(await mobile.getByText(e.case.serialNo).count()).toBeGreaterThan(0);
  }
  await mobileContext.close();

  // preview: watermarked 预览, no 提交评价, nothing to press
  await desk.goto(`${app.server.url}/staff`);
  await desk.getByRole("link", { name: `预览评价页面：${e.case.serialNo}` }).click();
  await expect.poll(() => state(desk)).toBe("preview");
  expect(await desk.getByRole("heading", { level: 1 }).textContent()).toContain("预览");
  expect(await desk.getByRole("button", { name: "提交评价" }).count()).toBe(0);
  expect(
    await desk.getByRole("radio", { name: "非常满意", exact: true }).first().isDisabled(),
  ).toBe(true);
  await desk.setViewportSize({ width: 390, height: 844 });
  await shot(desk, "staff-preview");
  // and the server refuses a rating from the previewing browser whatever it sends (article 4)
  const code = await codeFor(app.server.url, { serialNo: e.case.serialNo });
  expect(await submitFromPage(desk, code.token, "preview-tries")).toBe(403);
  await context.close();
});

test("a receipt of another window's case is not found for staff", async () => {
  const api = v1(app.server.url);
  const e = caseEvent({
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    case: { windowCode: "W02", staffNo: "TS0002" },
  });
  await api.post("/api/v1/case-events", e);
  const context = await app.browser.newContext();
  const desk = await context.newPage();
  await desk.goto(`${app.server.url}/staff`);
  await signInAs(desk, "TS0001", "demo-staff");
  await expect.poll(() => state(desk)).toBe("desk");
  for (const path of ["receipt", "preview"]) {
    const res = await desk.goto(`${app.server.url}/staff/${path}/${e.case.serialNo}`);
    expect(res?.status()).toBe(404);
  }
  await context.close();
});
