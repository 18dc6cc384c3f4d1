import { mkdirSync } from "node:fs";
import { expect, test } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import { a11yViolations, appAndBrowser, phone, proveByOtp } from "./fixtures";
import { decodeSvgQr } from "./qr";

const app = appAndBrowser();

test("a batch of three is rated once through the page and all three are stored (article 20)", async () => {
  const api = v1(app.server.url);
  const at = new Date(Date.now() - 60_000).toISOString();
  const batchNo = `PC-${Date.now().toString(36)}`;
  const applicant = { type: "person" as const, name: "谭伟强", idNumber: "440781198103030011", phone: "13500001111" };
  const serials: string[] = [];
  for (let i = 0; i < 3; i++) {
    const e = caseEvent({ occurredAt: at, case: { batchNo, applicant } });
    await api.post("/api/v1/case-events", e);
    await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }));
    serials.push(e.case.serialNo);
  }
  const qr = await api.post("/api/v1/qr-codes", { batchNo, kind: "static" });
  const url = await decodeSvgQr(app.browser, qr.body.svg as string);

  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(url);
  expect(await page.locator("main").getAttribute("data-state")).toBe("open");
  await expect.poll(() => page.getByText("共 3 件").count()).toBe(1);
  await proveByOtp(page, app.server.url, applicant.phone);
  await page.getByRole("group", { name: "总体评价" }).getByRole("radio", { name: "非常满意", exact: true }).check({ force: true });
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: ".tmp/screenshots/batch-open.png", fullPage: true });
  expect(await a11yViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => page.locator("main").getAttribute("data-state")).toBe("receipt");
  for (const serialNo of serials) {
    const stages = (await api.get(`/api/v1/cases/${serialNo}`)).body.ratingStages as { stage: string; status: string }[];
    expect(stages.find((s) => s.stage === "completion")?.status).toBe("rated");
  }
  await context.close();
});
