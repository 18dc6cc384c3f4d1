import { expect, test } from "vitest";

import {
  a11yViolations,
  appAndBrowser,
  choose,
  completedCase,
  enrol,
  photograph,
  state,
  watchErrors,
} from "./fixtures";

const app = appAndBrowser();

test("the kiosk at 1080×1920 in large type reaches 提交评价 without scrolling after choosing 不满意", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  await enrol(kiosk, `${app.server.url}/terminal/T01`, "admin-440781", "demo-admin");
  await completedCase(app.server.url, {
    channel: "terminal",
    terminalCode: "T01",
    windowCode: undefined,
    staffNo: undefined,
  });
  await expect.poll(() => state(kiosk), { timeout: 15_000 }).toBe("open");
  for (const [locale, overall, unsatisfied, submitName] of [
    ["zh-CN", "总体评价", "不满意", "提交评价"],
    ["en", "Overall rating", "Dissatisfied", "Submit rating"],
  ] as const) {
    // large type, as an elderly applicant sets it on the kiosk
    await context.addCookies([
      { name: "hcp_text", value: "large", url: app.server.url },
      { name: "hcp_lang", value: locale, url: app.server.url },
    ]);
    await kiosk.reload();
    expect(await kiosk.locator("html").getAttribute("class")).toContain("text-large");
    await choose(kiosk, overall, unsatisfied);
    await expect
      .poll(() => kiosk.getByRole("group", { name: overall }).getByRole("checkbox").count())
      .toBeGreaterThan(0);
    const box = await kiosk.getByRole("button", { name: submitName }).boundingBox();
    const scrolled = await kiosk.evaluate(() => window.scrollY);
    console.log(
      `kiosk ${locale}: ${submitName} at y=${box?.y.toFixed(0)}–${((box?.y ?? 0) + (box?.height ?? 0)).toFixed(0)} of 1920, page scrolled ${scrolled} px`,
    );
    await photograph(kiosk, `terminal-unsatisfied-1080x1920-${locale}`, { fullPage: false });
    expect(scrolled).toBe(0);
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(1920);
  }
  await context.close();
});

test("a path that leads nowhere answers 404 in the reader's language with a way back", async () => {
  for (const [locale, title, home] of [
    ["zh-CN", "找不到这个页面", "回到首页"],
    ["zh-HK", "找不到這個頁面", "回到首頁"],
    ["en-GB", "Page not found", "Back to the home page"],
  ] as const) {
    const context = await app.browser.newContext({ viewport: { width: 360, height: 740 }, locale });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const res = await page.goto(`${app.server.url}/me/nowhere/${locale}`);
    expect(res?.status()).toBe(404);
    expect(await state(page)).toBe("not_found");
    expect(await page.getByRole("heading", { name: title }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    expect(await a11yViolations(page), locale).toEqual([]);
    await photograph(page, `not-found-${locale}`);
    await page.getByRole("link", { name: home }).click();
    await expect.poll(() => state(page)).toBe("home");
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await context.close();
  }
});
