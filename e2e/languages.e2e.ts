import { expect, test } from "vitest";

import {
  a11yViolations,
  appAndBrowser,
  codeFor,
  completedCase,
  phone,
  proveByOtp,
  state,
} from "./fixtures";

const app = appAndBrowser();

test("the rating page speaks the browser's language, switches on the page, and takes the catalogue's words in all three", async () => {
  const applicant = { name: "Chan Tai Man", idNumber: "440781197001010011", phone: "13600002222" };
  const { serialNo } = await completedCase(app.server.url, { applicant });
  const code = await codeFor(app.server.url, { serialNo });

  // an English-speaking phone (an overseas Taishan family member's) gets English
  const context = await app.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "en-GB",
  });
  const page = await context.newPage();
  await page.goto(code.url);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await page.getByRole("button", { name: "Get code" }).count()).toBe(1);
  expect(
    await page.getByRole("region", { name: "Case details" }).getByText("Case number").count(),
  ).toBe(1);
  // the item and the office in English too (the demo catalogue writes them)
  expect(
    await page
      .getByRole("region", { name: "Case details" })
      .getByText("Change of social security card details")
      .count(),
  ).toBe(1);
  expect(
    await page.getByRole("region", { name: "Case details" }).getByText("Taishan City").count(),
  ).toBe(1);
  expect(await a11yViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Get code" }).click();
  await expect.poll(() => page.getByText("Code sent").count()).toBe(1);
  const sms = (await (
    await fetch(`${app.server.url}/api/dev/sms?phone=${applicant.phone}`)
  ).json()) as { messages: { text: string }[] };
  await page
    .getByLabel("Code", { exact: true })
    .fill(/(\d{6})/.exec(sms.messages[0]?.text ?? "")?.[1] ?? "");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  const overall = page.getByRole("group", { name: "Overall rating" });
  await overall.waitFor();
  await overall.getByRole("radio", { name: "Dissatisfied", exact: true }).check({ force: true });
  // the catalogue's tags in English, and article 11's refusal in English
  await expect
    .poll(() =>
      page
        .getByRole("checkbox", {
          name: "It took longer than the legal time limit, with no good reason",
        })
        .count(),
    )
    .toBe(1);
  await page.getByRole("button", { name: "Submit rating" }).click();
  await expect
    .poll(() => page.locator("main").getByRole("alert").textContent())
    .toContain("please choose a reason");
  expect(await a11yViolations(page)).toEqual([]);

  // switched on the page to 繁體 (Hong Kong forms), remembered on reload
  await page.getByRole("button", { name: "繁體" }).click();
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-Hant-HK");
  const hant = page.getByRole("group", { name: "總體評價" });
  await hant.waitFor();
  expect(await hant.getByRole("radio", { name: "非常滿意", exact: true }).count()).toBe(1);
  expect(await page.getByRole("button", { name: "提交評價" }).count()).toBe(1);
  expect(await page.getByText("社會保障卡信息變更").count()).toBe(1);
  expect(await a11yViolations(page)).toEqual([]);
  await page.reload();
  expect(await page.getByRole("button", { name: "繁體" }).getAttribute("aria-pressed")).toBe(
    "true",
  );

  await page.getByRole("button", { name: "简体" }).click();
  await page.getByRole("group", { name: "总体评价" }).waitFor();
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  await context.close();
});

test("a phone set to Traditional Chinese gets 繁體 without choosing", async () => {
  const context = await app.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "zh-HK",
  });
  const page = await context.newPage();
  await page.goto(`${app.server.url}/r/not-a-code`);
  expect(await state(page)).toBe("invalid");
  expect(await page.getByText("無法識別這個二維碼").count()).toBe(1);
  await context.close();
});

test("read aloud: a question and its choices are spoken by the phone, in the page's language", async () => {
  const applicant = { name: "伍秀珍", idNumber: "440781194505050024", phone: "13600003333" };
  const { serialNo } = await completedCase(app.server.url, { applicant });
  const code = await codeFor(app.server.url, { serialNo });
  const context = await phone(app.browser);
  // the speech itself goes to the phone's speaker; the test listens at the browser's speech API
  await context.addInitScript(() => {
    const heard: { text: string; lang: string }[] = [];
    (window as unknown as { heard: typeof heard }).heard = heard;
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) =>
      void heard.push({ text: u.text, lang: u.lang });
  });
  const page = await context.newPage();
  await page.goto(code.url);
  await proveByOtp(page, app.server.url, applicant.phone);
  await page.getByRole("button", { name: "朗读：总体评价" }).click();
  const heard = await page.evaluate(
    () => (window as unknown as { heard: { text: string; lang: string }[] }).heard,
  );
  expect(heard).toHaveLength(1);
  expect(heard[0]!.lang).toBe("zh-CN");
  expect(heard[0]!.text).toContain("总体评价");
  expect(heard[0]!.text).toContain("非常满意，满意，基本满意，不满意，非常不满意");
  expect(
    await page.getByRole("button", { name: "停止朗读：总体评价" }).getAttribute("aria-pressed"),
  ).toBe("true");
  await context.close();
});
