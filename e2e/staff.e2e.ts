import { mkdirSync } from "node:fs";
import { expect, test } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import { a11yViolations, appAndBrowser, phone, submitFromPage, signInAs } from "./fixtures";

const app = appAndBrowser();

test("window staff sign in with 工号 and 密码, see their window's cases, and can never submit a rating", async () => {
  const api = v1(app.server.url);
  const at = new Date(Date.now() - 60_000).toISOString();
  const e = caseEvent({ occurredAt: at, case: { windowCode: "W01", staffNo: "TS0001" } });
  await api.post("/api/v1/case-events", e);
  await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }));
  const qr = await api.post("/api/v1/qr-codes", { serialNo: e.case.serialNo, kind: "static" });

  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(`${app.server.url}/staff`);
  expect(await page.locator("main").getAttribute("data-state")).toBe("sign_in");
  await signInAs(page, "TS0001", "wrong-password");
  await expect.poll(() => page.locator("main").getByRole("alert").textContent()).toContain("工号或密码不正确");
  await page.getByLabel("密码").fill("demo-staff");
  await page.getByRole("button", { name: "登录" }).click();
  await expect.poll(() => page.locator("main").getAttribute("data-state")).toBe("desk");
  await expect.poll(() => page.getByText(e.case.serialNo).count()).toBe(1);
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: ".tmp/screenshots/staff-desk.png", fullPage: true });
  expect(await a11yViolations(page)).toEqual([]);

  // article 4: with a staff session in the browser, the server refuses any rating
  const status = await submitFromPage(page, qr.body.token as string, "staff-try-1");
  expect(status).toBe(403);
  const stages = (await api.get(`/api/v1/cases/${e.case.serialNo}`)).body.ratingStages as { stage: string; status: string }[];
  expect(stages.find((s) => s.stage === "completion")?.status).toBe("open");
  await context.close();
});
