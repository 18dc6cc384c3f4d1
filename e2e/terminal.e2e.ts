import { mkdirSync } from "node:fs";
import { expect, test } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import { a11yViolations, appAndBrowser, submitFromPage, watchErrors, signInAs } from "./fixtures";
import { storedRatings } from "./stored";

const app = appAndBrowser();

test("the self-service terminal: at the end of its flow the case opens for rating with item, serial and terminal number", async () => {
  const api = v1(app.server.url);
  const context = await app.browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  const errors = watchErrors(kiosk);
  await kiosk.goto(`${app.server.url}/terminal/T01`);
  expect(await kiosk.locator("main").getAttribute("data-state")).toBe("enrol");
  await signInAs(kiosk, "admin-440781", "demo-admin", "登记本设备");
  await expect.poll(() => kiosk.locator("main").getAttribute("data-state")).toBe("idle");
  expect((await context.cookies()).map((c) => c.name)).not.toContain("hcp_staff");

  // the terminal flow finishes a case; the idle kiosk picks it up by itself
  const at = new Date(Date.now() - 60_000).toISOString();
  const e = caseEvent({ occurredAt: at, case: { channel: "terminal", terminalCode: "T01", windowCode: undefined, staffNo: undefined } });
  await api.post("/api/v1/case-events", e);
  await api.post("/api/v1/case-events", caseEvent({ type: "terminal_finished", occurredAt: at, case: e.case }));
  await expect.poll(() => kiosk.locator("main").getAttribute("data-state"), { timeout: 15_000 }).toBe("open");
  const header = kiosk.getByRole("region", { name: "办件信息" });
  expect(await header.getByText(e.case.serialNo).count()).toBe(1);
  expect(await header.getByText("T01").count()).toBe(1);
  // the kiosk read the ID: no SMS step
  expect(await kiosk.getByRole("button", { name: "获取验证码" }).count()).toBe(0);
  await kiosk.getByRole("group", { name: "总体评价" }).getByRole("radio", { name: "非常满意", exact: true }).check({ force: true });
  mkdirSync(".tmp/screenshots", { recursive: true });
  await kiosk.screenshot({ path: ".tmp/screenshots/terminal-open.png" });
  expect(await a11yViolations(kiosk)).toEqual([]);
  await kiosk.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => kiosk.locator("main").getAttribute("data-state")).toBe("rated");
  expect(await kiosk.getByText("谢谢您的评价").count()).toBe(1);
  expect(await storedRatings(app.dbFile, e.case.serialNo)).toEqual([{ channel: "terminal", proof: "terminal", level: "very_satisfied" }]);
  // nobody's real-name session is left on the kiosk for the next person
  expect((await context.cookies()).map((c) => c.name)).not.toContain("hcp_rater");
  expect(errors).toEqual([]);
  await context.close();
});

test("a terminal cannot rate a case that was not finished on it", async () => {
  const api = v1(app.server.url);
  const context = await app.browser.newContext();
  const kiosk = await context.newPage();
  await kiosk.goto(`${app.server.url}/terminal/T01`);
  await signInAs(kiosk, "admin-440781", "demo-admin", "登记本设备");
  await expect.poll(() => kiosk.locator("main").getAttribute("data-state")).not.toBe("enrol");
  const at = new Date(Date.now() - 60_000).toISOString();
  const e = caseEvent({ occurredAt: at });
  await api.post("/api/v1/case-events", e);
  await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }));
  const qr = await api.post("/api/v1/qr-codes", { serialNo: e.case.serialNo, kind: "static" });
  const status = await submitFromPage(kiosk, qr.body.token as string, "kiosk-tries-window-case");
  expect(status).toBe(403);
  expect(await storedRatings(app.dbFile, e.case.serialNo)).toEqual([]);
  await context.close();
});
