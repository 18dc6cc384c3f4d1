import { expect, test } from "vitest";

import {
  appAndBrowser,
  choose,
  codeFor,
  completedCase,
  enrol,
  phone,
  shot,
  signInAs,
  state,
  submitFromPage,
  watchErrors,
} from "./fixtures";
import { decodeShownQr } from "./qr";
import { storedRatings as stored } from "./stored";

const app = appAndBrowser();

/** A case received and decided at window W01 by 李敏 (TS0001) a minute ago: its stages are open. */
const completedAtW01 = async () =>
  (await completedCase(app.server.url, { windowCode: "W01", staffNo: "TS0001" })).serialNo;

const storedRatings = (serialNo: string) => stored(app.dbFile, serialNo);

test("the window screen: enrolled by its staff, shows the current case and a live code, follows the next case, and takes a rating on screen", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const screen = await context.newPage();
  const errors = watchErrors(screen);
  await screen.goto(`${app.server.url}/window/W01`);
  expect(await state(screen)).toBe("enrol");

  // only this window's staff may enrol it; 陈伟 works at W02
  await signInAs(screen, "TS0002", "demo-staff", "登记本设备");
  await expect
    .poll(() => screen.locator("main").getByRole("alert").textContent())
    .toContain("只有本窗口的工作人员");
  await screen.getByLabel("工号").fill("TS0001");
  await screen.getByRole("button", { name: "登记本设备" }).click();
  await expect.poll(() => state(screen)).toBe("idle");
  // the screen keeps a device cookie, never a staff session
  const cookies = (await context.cookies()).map((c) => c.name);
  expect(cookies).toContain("hcp_device");
  expect(cookies).not.toContain("hcp_staff");

  // a case is completed at W01: the screen shows it without a reload (article 14)
  const first = await completedAtW01();
  await expect.poll(() => state(screen), { timeout: 15_000 }).toBe("case");
  await expect.poll(() => screen.getByText(first).count()).toBe(1);
  expect(await screen.getByText("工号 TS0001").count()).toBe(1);
  expect(await screen.getByText("李敏").count()).toBeGreaterThan(0);
  await shot(screen, "window-case", { fullPage: false });

  // a phone photographs the code: it opens that case's rating page, and the code proves the applicant
  const url = await decodeShownQr(screen.getByRole("img", { name: "扫码评价" }));
  expect(url).toMatch(new RegExp(`^${app.server.url}/r/`));
  const phoneContext = await phone(app.browser);
  const mobile = await phoneContext.newPage();
  await mobile.goto(url);
  expect(await state(mobile)).toBe("open");
  expect(await mobile.getByText(first).count()).toBeGreaterThan(0);
  await phoneContext.close();

  // 不满意 with no reason is refused on the screen too (article 11), nothing stored
  await choose(screen, "总体评价", "不满意");
  await screen.getByRole("button", { name: "提交评价" }).click();
  await expect
    .poll(() => screen.locator("main").getByRole("alert").textContent())
    .toContain("不满意原因");
  expect(await storedRatings(first)).toEqual([]);

  await choose(screen, "总体评价", "满意");
  await screen.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(screen)).toBe("rated");
  expect(await screen.getByText("谢谢您的评价").count()).toBe(1);
  // the staff member faces the screen: it never says which level was chosen
  expect(await screen.getByText("满意", { exact: true }).count()).toBe(0);
  await shot(screen, "window-rated", { fullPage: false });
  expect(await storedRatings(first)).toEqual([
    { channel: "window_device", proof: "window", level: "satisfied" },
  ]);

  // back to idle, then the next applicant's case appears by itself
  await expect.poll(() => state(screen), { timeout: 15_000 }).toBe("idle");
  await shot(screen, "window-idle", { fullPage: false });
  const second = await completedAtW01();
  await expect.poll(() => screen.getByText(second).count(), { timeout: 15_000 }).toBe(1);
  // the only failed requests are the two refusals this test provoked (wrong staff, no reason)
  expect(errors.filter((e) => !/status of (403|422)/.test(e))).toEqual([]);
  expect(errors).toHaveLength(2);
  await context.close();
});

test("a screen enrolled for one window cannot rate another window's case", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await enrol(page, `${app.server.url}/window/W02`, "TS0002", "demo-staff");
  expect(await state(page)).toBe("idle");
  const serialNo = await completedAtW01();
  const w01 = await codeFor(app.server.url, { serialNo }, "dynamic");
  const status = await submitFromPage(page, w01.token, "w02-tries-w01");
  expect(status).toBe(403);
  expect(await storedRatings(serialNo)).toEqual([]);
  // and the W02 screen's own code endpoint will not mint for a W01 case
  expect(
    await page.evaluate(
      async (s: string) =>
        (
          await fetch("/api/trpc/device.windowCode", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ serialNo: s }),
          })
        ).status,
      serialNo,
    ),
  ).toBe(404);
  await context.close();
});
