import { expect, test } from "vitest";

import { a11yViolations, appAndBrowser, phone, photograph, state, watchErrors } from "./fixtures";

const app = appAndBrowser();

test("the home page renders in Chinese on a phone, from the seeded catalogue, with no console errors", async () => {
  const context = await phone(app.browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.server.url);
  await expect
    .poll(() => page.getByRole("heading", { level: 1 }).textContent())
    .toContain("好差评");
  expect(await state(page)).toBe("home");
  await expect.poll(() => page.getByText("川岛镇", { exact: false }).count()).toBeGreaterThan(0);
  // the citizen's two ways on: 我的办件 and 结果公开
  expect(await page.getByRole("link", { name: /我的办件/ }).getAttribute("href")).toBe("/me");
  expect(await page.getByRole("link", { name: /结果公开/ }).getAttribute("href")).toBe("/public");
  // the text fits the phone: nothing scrolls sideways
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await photograph(page, "home-390");
  expect(errors).toEqual([]);
  await context.close();
});

test("the accessibility check does catch problems (an unlabelled input, an image without text)", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.setContent(
    `<html lang="zh-CN"><head><title>t</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>`,
  );
  const found = await a11yViolations(page);
  expect(found.some((v) => v.startsWith("image-alt"))).toBe(true);
  expect(found.some((v) => v.startsWith("label"))).toBe(true);
  await context.close();
});
