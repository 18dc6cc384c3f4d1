import { expect, test } from "vitest";

import {
  appAndBrowser,
  codeFor,
  completedCase,
  phone,
  shot,
  signInAs,
  stagesOf,
  state,
  submitFromPage,
} from "./fixtures";

const app = appAndBrowser();

test("window staff sign in with 工号 and 密码, see their window's cases, and can never submit a rating", async () => {
  const { serialNo } = await completedCase(app.server.url, {
    windowCode: "W01",
    staffNo: "TS0001",
  });
  const code = await codeFor(app.server.url, { serialNo });

  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(`${app.server.url}/staff`);
  expect(await state(page)).toBe("sign_in");
  await signInAs(page, "TS0001", "wrong-password");
  await expect
    .poll(() => page.locator("main").getByRole("alert").textContent())
    .toContain("工号或密码不正确");
  await page.getByLabel("密码").fill("demo-staff");
  await page.getByRole("button", { name: "登录" }).click();
  await expect.poll(() => state(page)).toBe("desk");
  await expect.poll(() => page.getByText(serialNo).count()).toBe(1);
  await shot(page, "staff-desk");

  // article 4: with a staff session in the browser, the server refuses any rating
  const status = await submitFromPage(page, code.token, "staff-try-1");
  expect(status).toBe(403);
  expect(await stagesOf(app.server.url, serialNo)).toContain("completion:open");
  await context.close();
});
