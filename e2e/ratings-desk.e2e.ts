import type { Browser, Page } from "playwright-core";
import { describe, expect, test } from "vitest";

import { PNG_BYTES } from "../tests/admin-fixtures";
import { v1 } from "../tests/api/v1-client";
import {
  a11yViolations,
  appAndBrowser,
  choose,
  codeFor,
  completedCase,
  phone,
  photograph,
  proveByOtp,
  signInAtAdmin,
  state,
  watchErrors,
} from "./fixtures";

const ctx = appAndBrowser();
const RATER = { name: "伍美玲", idNumber: "440781196502140046", phone: "13902226789" };
const W11 = { windowCode: "W11", staffNo: "TS1101", itemCode: "ITEM-0101", orgCode: "440781101" };

async function signedIn(
  browser: Browser,
  login: string,
  password: string,
  width = 1280,
  height = 800,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
  const page = await context.newPage();
  await signInAtAdmin(page, ctx.server.url, login, password);
  return page;
}

const nav = (page: Page) => page.getByRole("navigation", { name: "管理后台导航" });

/** A client-side navigation lands (a shared 2-core machine can take its time over one). */
const arrive = (page: Page, want: string) =>
  expect.poll(() => state(page), { timeout: 20_000 }).toBe(want);

/** The page fits its width (nothing scrolls sideways), axe finds nothing, and it is photographed for a person to look at. */
async function looked(page: Page, name: string) {
  // the filter's form is a plain GET: its URL shows once the navigation commits, before the
  // new document is parsed (CI once read a null documentElement there)
  await page.waitForLoadState("domcontentloaded");
  expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
  expect(await a11yViolations(page), name).toEqual([]);
  await photograph(page, name, { fullPage: false });
}

describe("评价记录 in the browser (issue 26's must-show)", () => {
  test(
    "W11: 总体评价 满意 + 服务态度 非常不满意 opens one order marked 服务评价差评; on /admin/ratings; its page appeals the service part; the bureau decides",
    { timeout: 300_000 },
    async () => {
      const c = await completedCase(ctx.server.url, { ...W11, applicant: RATER });
      const code = await codeFor(ctx.server.url, { serialNo: c.serialNo });
      const citizen = await phone(ctx.browser);
      const rate = await citizen.newPage();
      await rate.goto(code.url.replace(/^https?:\/\/[^/]+/, ctx.server.url));
      await proveByOtp(rate, ctx.server.url, RATER.phone);
      await choose(rate, "总体评价", "满意");
      await rate.getByText("窗口服务评价（选填，点此展开）").click();
      await choose(rate, "服务态度", "非常不满意");
      await rate.getByLabel("不满意原因").first().fill("窗口人员说话不耐烦，不愿解释材料要求");
      await rate.getByRole("button", { name: "提交评价" }).click();
      await expect.poll(() => state(rate), { timeout: 20_000 }).not.toBe("open");
      await citizen.close();
      // one order, and only one
      const view = (await v1(ctx.server.url).get(`/api/v1/cases/${c.serialNo}`)).body as {
        workOrders: { id: string }[];
      };
      expect(view.workOrders).toHaveLength(1);

      const admin = await signedIn(ctx.browser, "admin-440781101", "demo-admin");
      const errors = watchErrors(admin);
      // 待办 counts it beside its name
      expect(
        Number(
          await nav(admin)
            .getByRole("link", { name: /^待办/ })
            .locator("[data-count]")
            .getAttribute("data-count"),
        ),
      ).toBeGreaterThanOrEqual(1);
      await nav(admin).getByRole("link", { name: "评价记录" }).click();
      await arrive(admin, "ratings");
      // on a wide screen the filters are simply there: no fold to open
      expect(await admin.getByText("筛选条件").isVisible()).toBe(false);
      await looked(admin, "admin-ratings-unfiltered-1280");
      await admin.getByLabel("办件流水号").fill(c.serialNo);
      await admin.getByRole("button", { name: "筛选" }).click();
      await expect.poll(() => admin.url(), { timeout: 20_000 }).toContain(`serial=${c.serialNo}`);
      const row = admin.getByRole("row").filter({ hasText: c.serialNo });
      expect(await row.count()).toBe(1);
      expect(await row.locator("[data-basis=service]").textContent()).toBe("服务评价差评");
      // pick the staff by name: the URL keeps the code
      await admin.getByLabel("办件流水号").fill("");
      await admin.getByLabel("工作人员").fill("黄丽");
      await admin.getByRole("button", { name: "筛选" }).click();
      await expect.poll(() => admin.url(), { timeout: 20_000 }).toContain("staff=TS1101");
      await looked(admin, "admin-ratings-1280");
      await admin
        .getByRole("row")
        .filter({ hasText: c.serialNo })
        .getByRole("link", { name: c.serialNo })
        .click();
      await arrive(admin, "rating");
      expect(await admin.locator("header [data-basis=service]").textContent()).toBe("服务评价差评");
      expect(await admin.getByText("窗口人员说话不耐烦，不愿解释材料要求").count()).toBe(1);
      expect(await admin.getByText("伍*玲").count()).toBe(1);
      await looked(admin, "admin-rating-1280");
      const ratingUrl = admin.url();
      await admin.getByRole("link", { name: "对服务评价提出申诉" }).click();
      await arrive(admin, "appeals");
      const form = admin.getByRole("form", { name: "提出申诉" });
      expect(await form.getByRole("checkbox", { name: "服务态度" }).isChecked()).toBe(true);
      await form.getByLabel("申诉理由").fill("监控录像显示工作人员全程耐心解答，评价与事实不符");
      await form.getByLabel(/证明材料/).setInputFiles({
        name: "录像截图.png",
        mimeType: "image/png",
        buffer: Buffer.from(PNG_BYTES),
      });
      await form.getByRole("button", { name: "提交申诉" }).click();
      await expect
        .poll(() => admin.locator("[data-status]").first().getAttribute("data-status"), {
          timeout: 15_000,
        })
        .toBe("pending");
      // the rating's page no longer offers a second appeal
      await admin.goto(ratingUrl);
      expect(await admin.getByRole("link", { name: "对服务评价提出申诉" }).count()).toBe(0);
      expect(await admin.getByRole("link", { name: /申诉（.*待裁定/ }).count()).toBe(1);

      // the 待办 and the account page, at 1280 and on a phone
      await admin.goto(`${ctx.server.url}/admin/tasks`);
      expect(await state(admin)).toBe("tasks");
      expect(
        await admin.getByRole("link", { name: new RegExp(c.serialNo) }).count(),
      ).toBeGreaterThan(0);
      await looked(admin, "admin-tasks-1280");
      await admin.goto(`${ctx.server.url}/admin/account`);
      expect(await state(admin)).toBe("account");
      await admin.getByLabel("手机号").fill("13900000101");
      await admin.getByRole("checkbox", { name: "接收待办短信" }).check();
      await admin.getByRole("button", { name: "保存" }).click();
      await expect.poll(() => admin.getByRole("status").textContent()).toBe("已保存");
      await expect.poll(() => admin.getByText("139****0101").count()).toBe(1);
      await looked(admin, "admin-account-1280");
      await admin.setViewportSize({ width: 390, height: 844 });
      for (const [path, name, want] of [
        ["/admin/ratings", "admin-ratings-390", "ratings"],
        [ratingUrl.replace(ctx.server.url, ""), "admin-rating-390", "rating"],
        ["/admin/tasks", "admin-tasks-390", "tasks"],
        ["/admin/account", "admin-account-390", "account"],
      ] as const) {
        await admin.goto(`${ctx.server.url}${path}`);
        expect(await state(admin)).toBe(want);
        await looked(admin, name);
      }
      // on a phone the eleven filters fold into 筛选条件: the first rating shows without scrolling;
      // opened, they work; with a filter set the fold stays open and says how many are set
      await admin.goto(`${ctx.server.url}/admin/ratings`);
      const fold = admin.locator("details.filter-fold");
      expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await admin.getByLabel("办件流水号").isVisible()).toBe(false);
      const card = await admin.locator("main ul > li").first().boundingBox();
      expect(card!.y + card!.height).toBeLessThanOrEqual(844);
      await admin.getByText("筛选条件").click();
      await admin.getByLabel("办件流水号").fill(c.serialNo);
      await admin.getByRole("button", { name: "筛选", exact: true }).click();
      await expect.poll(() => admin.url(), { timeout: 20_000 }).toContain(`serial=${c.serialNo}`);
      await expect
        .poll(() =>
          admin.locator("details.filter-fold").evaluate((d) => (d as HTMLDetailsElement).open),
        )
        .toBe(true);
      await expect.poll(() => admin.getByText("（已选 1 项）").count()).toBe(1);
      await looked(admin, "admin-ratings-filtered-390");
      expect(errors.filter((e) => !/422|status of 4\d\d/.test(e))).toEqual([]);
      await admin.context().close();

      // the bureau decides it from its 待办
      const bureau = await signedIn(ctx.browser, "bureau", "demo-bureau");
      await nav(bureau).getByRole("link", { name: /^待办/ }).click();
      await arrive(bureau, "tasks");
      await bureau
        .locator("[data-kind=appeal]")
        .getByRole("link", { name: new RegExp(c.serialNo) })
        .click();
      const decide = bureau.getByRole("form", { name: "申诉决定" });
      await decide.getByRole("radio", { name: "驳回" }).check();
      await decide.getByLabel("决定理由").fill("录像不能说明服务态度，评价保持有效");
      await decide.getByRole("button", { name: "提交决定" }).click();
      await expect
        .poll(() => bureau.locator("header [data-status]").getAttribute("data-status"))
        .toBe("rejected");
      await bureau.goto(ratingUrl);
      expect(await bureau.getByRole("link", { name: /申诉（.*已驳回/ }).count()).toBe(1);
      await bureau.context().close();
    },
  );
});
