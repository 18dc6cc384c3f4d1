import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  appAndBrowser,
  choose,
  codeFor,
  completedCase,
  type Person,
  phone,
  proveByOtp,
  shot,
  stagesOf as stagesAt,
  state,
  submitFromPage,
  watchErrors,
} from "./fixtures";
import { decodeSvgQr } from "./qr";

const app = appAndBrowser();

/** A window case completed a minute ago, and the URL read from its printed QR code. */
async function printedCase(applicant: Person) {
  const { serialNo } = await completedCase(app.server.url, { applicant });
  const code = await codeFor(app.server.url, { serialNo });
  const url = await decodeSvgQr(app.browser, code.svg);
  expect(url).toBe(code.url);
  return { url, serialNo, phone: applicant.phone };
}

const stagesOf = (serialNo: string) => stagesAt(app.server.url, serialNo);

describe("a citizen scans a receipt and rates (mobile 390×844)", () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await phone(app.browser);
  });
  afterAll(async () => context?.close());

  test("scan, real name, a refused 不满意, a stored one, a read-only rescan", async () => {
    const c = await printedCase({
      name: "黄秀英",
      idNumber: "440781195803120027",
      phone: "13902221234",
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(c.url);
    expect(await state(page)).toBe("open");
    await expect.poll(() => page.getByText("社会保障卡信息变更").count()).toBe(1);
    await expect.poll(() => page.getByText("李敏（工号 TS0001）").count()).toBe(1);
    await shot(page, "r-open-proof");
    await proveByOtp(page, app.server.url, c.phone);

    const overall = page.getByRole("group", { name: "总体评价" });
    for (const words of ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]) {
      expect(await overall.getByRole("radio", { name: words, exact: true }).isChecked()).toBe(
        false,
      );
    }
    await choose(page, "总体评价", "不满意");
    await shot(page, "r-open-unsatisfied");
    await page.getByRole("button", { name: "提交评价" }).click();
    await expect
      .poll(() => page.locator("main").getByRole("alert").textContent())
      .toContain("不满意原因");
    expect(await stagesOf(c.serialNo)).toEqual(["receipt:open", "completion:open"]);

    const markup = "<img src=x onerror=\"document.title='pwned'\">排队两小时";
    await page.getByLabel("不满意原因").first().fill(markup);
    await page.getByRole("button", { name: "提交评价" }).click();
    await page.waitForLoadState("load");
    await expect.poll(() => state(page)).toBe("receipt");
    expect(await stagesOf(c.serialNo)).toEqual(["receipt:open", "completion:rated"]);
    // the rater sees the thanks at the top, not the middle of the next form
    await expect
      .poll(() => page.getByText("谢谢您的评价！您还可以对收件窗口的服务作评价").count())
      .toBe(1);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // the reason is shown as text, never run as markup
    await expect.poll(() => page.getByText(markup, { exact: false }).count()).toBe(1);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    await shot(page, "r-receipt");

    // the receipt stage's service rating is offered after the completion one
    await choose(page, "服务态度", "满意");
    await page.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => state(page)).toBe("rated");

    // rescan: read-only
    await page.goto(c.url);
    expect(await state(page)).toBe("rated");
    expect(await page.getByRole("button", { name: "提交评价" }).count()).toBe(0);
    await expect.poll(() => page.getByText("谢谢您的评价").count()).toBe(1);
    await shot(page, "r-rated");
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);

    // the receipt found by someone else: the levels are there, what the applicant wrote is not
    const stranger = await phone(app.browser);
    const theirs = await stranger.newPage();
    await theirs.goto(c.url);
    expect(await state(theirs)).toBe("rated");
    expect(await theirs.getByText("不满意", { exact: true }).count()).toBe(1);
    expect(await theirs.getByText("填写的文字只向申请人本人显示").count()).toBe(1);
    expect(await theirs.content()).not.toContain("排队两小时");
    await shot(theirs, "r-rated-stranger");
    await stranger.close();
  });

  test("another applicant's session cannot rate this case (wrong_person)", async () => {
    const mine = await printedCase({
      name: "陈国强",
      idNumber: "440781196507150031",
      phone: "13711112222",
    });
    const theirs = await printedCase({
      name: "伍美玲",
      idNumber: "440781197208080048",
      phone: "13633334444",
    });
    const page = await context.newPage();
    await page.goto(theirs.url);
    await proveByOtp(page, app.server.url, theirs.phone);
    await page.goto(mine.url);
    expect(await state(page)).toBe("wrong_person");
    await shot(page, "r-wrong-person");
    // the form offers only the real-name step for the right person; the server refuses the other session
    const refused = await submitFromPage(page, mine.url.split("/r/")[1] ?? "", "wrong-person-1");
    expect(refused).toBe(403);
    expect(await stagesOf(mine.serialNo)).toEqual(["receipt:open", "completion:open"]);
  });

  test("unknown and tampered codes say so", async () => {
    const page = await context.newPage();
    await page.goto(`${app.server.url}/r/not-a-real-code`);
    expect(await state(page)).toBe("invalid");
    await shot(page, "r-invalid");
  });
});
