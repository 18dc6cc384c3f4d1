import { expect, test } from "vitest";

import {
  appAndBrowser,
  choose,
  codeFor,
  completedCase,
  enrol,
  shot,
  state,
  submitFromPage,
  watchErrors,
} from "./fixtures";
import { storedRatings } from "./stored";

const app = appAndBrowser();

test("the self-service terminal: at the end of its flow the case opens for rating with item, serial and terminal number", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  const errors = watchErrors(kiosk);
  await enrol(kiosk, `${app.server.url}/terminal/T01`, "admin-440781", "demo-admin");
  expect(await state(kiosk)).toBe("idle");
  expect((await context.cookies()).map((c) => c.name)).not.toContain("hcp_staff");

  // the applicant chooses 简体 and large type on the kiosk
  await context.addCookies([
    { name: "hcp_lang", value: "zh-CN", url: app.server.url },
    { name: "hcp_text", value: "large", url: app.server.url },
  ]);
  // the terminal flow finishes a case; the idle kiosk picks it up by itself
  const { serialNo } = await completedCase(app.server.url, {
    channel: "terminal",
    terminalCode: "T01",
    windowCode: undefined,
    staffNo: undefined,
  });
  await expect.poll(() => state(kiosk), { timeout: 15_000 }).toBe("open");
  const header = kiosk.getByRole("region", { name: "办件信息" });
  expect(await header.getByText(serialNo).count()).toBe(1);
  expect(await header.getByText("T01").count()).toBe(1);
  // the kiosk read the ID: no SMS step
  expect(await kiosk.getByRole("button", { name: "获取验证码" }).count()).toBe(0);
  await choose(kiosk, "总体评价", "非常满意");
  await shot(kiosk, "terminal-open", { fullPage: false });
  await kiosk.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(kiosk)).toBe("rated");
  expect(await kiosk.getByText("谢谢您的评价").count()).toBe(1);
  expect(await storedRatings(app.dbFile, serialNo)).toEqual([
    { channel: "terminal", proof: "terminal", level: "very_satisfied" },
  ]);
  // nobody's real-name session is left on the kiosk for the next person
  expect((await context.cookies()).map((c) => c.name)).not.toContain("hcp_rater");
  // nor their language and type size: the next person starts from the kiosk's default
  await expect
    .poll(async () =>
      (await context.cookies())
        .map((c) => c.name)
        .filter((n) => n === "hcp_lang" || n === "hcp_text"),
    )
    .toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test("a terminal cannot rate a case that was not finished on it", async () => {
  const context = await app.browser.newContext();
  const kiosk = await context.newPage();
  await enrol(kiosk, `${app.server.url}/terminal/T01`, "admin-440781", "demo-admin");
  const { serialNo } = await completedCase(app.server.url);
  const code = await codeFor(app.server.url, { serialNo });
  const status = await submitFromPage(kiosk, code.token, "kiosk-tries-window-case");
  expect(status).toBe(403);
  expect(await storedRatings(app.dbFile, serialNo)).toEqual([]);
  await context.close();
});
