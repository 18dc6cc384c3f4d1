import type { Page } from "playwright-core";
import { expect, test } from "vitest";

import {
  appAndBrowser,
  choose,
  codeFor,
  completedCase,
  phone,
  proveByOtp,
  shot,
  stagesOf,
  state,
} from "./fixtures";

const app = appAndBrowser();

/** A 一件事 of two items for one applicant, completed a minute ago; its code's URL. */
async function theme(phoneNo: string, idNumber: string) {
  const themeNo = `ZT-${phoneNo}`;
  const applicant = { name: "甄丽华", idNumber, phone: phoneNo };
  const serials: string[] = [];
  for (const itemCode of ["ITEM-0002", "ITEM-0003"])
    serials.push(
      (
        await completedCase(app.server.url, {
          themeNo,
          themeName: "开办餐饮店“一件事”",
          itemCode,
          needsCertificate: false,
          applicant,
        })
      ).serialNo,
    );
  return { url: (await codeFor(app.server.url, { themeNo })).url, serials, phoneNo };
}

async function openAndProve(url: string, phoneNo: string): Promise<Page> {
  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(url);
  expect(await state(page)).toBe("open");
  await proveByOtp(page, app.server.url, phoneNo);
  return page;
}

test("a theme rated by its overall only: every item's case is rated", async () => {
  const t = await theme("13600002222", "440781198805050025");
  const page = await openAndProve(t.url, t.phoneNo);
  await choose(page, "总体评价", "满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("receipt");
  for (const s of t.serials)
    expect(await stagesOf(app.server.url, s)).toContain("completion:rated");
});

test("a theme expanded: one item rated on its own, in its own section", async () => {
  const t = await theme("13600003333", "440781198906060036");
  const page = await openAndProve(t.url, t.phoneNo);
  await choose(page, "总体评价", "非常满意");
  await page.locator("summary", { hasText: "分别评价各个事项" }).click();
  await choose(page.getByRole("region", { name: "个体工商户设立登记" }), "跑动次数", "基本满意");
  await shot(page, "theme-expanded");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("receipt");
  for (const s of t.serials)
    expect(await stagesOf(app.server.url, s)).toContain("completion:rated");
});
