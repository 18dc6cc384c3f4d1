import { describe, expect, test } from "vitest";

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
const W11 = { windowCode: "W11", staffNo: "TS1101", itemCode: "ITEM-0101", orgCode: "440781101" };
const RATER = { name: "黄秀英", idNumber: "440781195803120035", phone: "13902229876" };

describe("the closed loop of a 差评 (articles 6, 7, 21)", () => {
  test(
    "a citizen rates a W11 case 不满意 with a reason; 台城街道's admin fills the revisit and presses 办结工单: saved and closed; the case API says closed",
    { timeout: 180_000 },
    async () => {
      const c = await completedCase(ctx.server.url, { ...W11, applicant: RATER });
      const code = await codeFor(ctx.server.url, { serialNo: c.serialNo });

      const citizen = await phone(ctx.browser);
      const page = await citizen.newPage();
      const citizenErrors = watchErrors(page);
      await page.goto(code.url.replace(/^https?:\/\/[^/]+/, ctx.server.url));
      await proveByOtp(page, ctx.server.url, RATER.phone);
      await choose(page, "总体评价", "不满意");
      await page
        .getByLabel("不满意原因")
        .first()
        .fill("窗口人员态度冷淡，材料清单讲得不清楚，跑了两趟");
      const consent = page.getByRole("checkbox", {
        name: "同意回访：工作人员可以通过登记的手机与我联系",
      });
      expect(await consent.isChecked()).toBe(false);
      await photograph(page, "rating-consent-390");
      await page.getByRole("button", { name: "提交评价" }).click();
      // the completion stage is rated; the page now offers the receipt stage's service rating
      await expect.poll(() => state(page), { timeout: 20_000 }).toBe("receipt");
      expect(citizenErrors).toEqual([]);
      await citizen.close();

      const desk = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const admin = await desk.newPage();
      const errors = watchErrors(admin);
      await signInAtAdmin(admin, ctx.server.url, "admin-440781101", "demo-admin");
      expect(await admin.getByRole("link", { name: /逾期工单/ }).count()).toBe(1);
      await photograph(admin, "admin-overview-1280", { fullPage: false });
      expect(await a11yViolations(admin)).toEqual([]);

      await admin.getByRole("link", { name: "差评工单" }).click();
      await expect.poll(() => state(admin)).toBe("work-orders");
      const row = admin.getByRole("row").filter({ hasText: c.serialNo });
      expect(await row.getByText("待处理").count()).toBe(1);
      await photograph(admin, "admin-work-orders-1280", { fullPage: false });
      expect(await a11yViolations(admin)).toEqual([]);
      await row.getByRole("link", { name: c.serialNo }).click();
      await expect.poll(() => state(admin)).toBe("work-order");
      expect(
        await admin.getByText("不满意原因：窗口人员态度冷淡，材料清单讲得不清楚，跑了两趟").count(),
      ).toBe(1);
      expect(await admin.getByText("139****9876").count()).toBe(1); // no consent: masked
      expect(await admin.getByText("黄*英").count()).toBe(1);
      expect(await admin.getByText(/剩余 \d+ 个工作日/).count()).toBe(1);

      // 办结 before any revisit is refused with what is missing
      await admin.getByRole("button", { name: "办结工单" }).click();
      await expect
        .poll(() => admin.getByRole("alert").filter({ hasText: "还没有回访记录" }).textContent())
        .toBe("还没有回访记录：请先记录回访情况和核实结果，再办结工单");

      // a person fills the form and presses 办结工单 at once, without 保存: it saves what the form
      // holds, then closes (SPEC §9, issue 26 item 7)
      const form = admin.getByRole("form", { name: "回访记录" });
      await form.getByLabel("回访情况").fill("已电话回访申请人，反映情况属实");
      await form.getByRole("radio", { name: "属实", exact: true }).check();
      await form.getByLabel("整改措施").fill("对窗口人员开展服务规范培训，材料清单一次性告知");
      await form.getByRole("checkbox", { name: "已约谈责任人" }).check();
      await photograph(admin, "admin-work-order-1280");
      expect(await a11yViolations(admin)).toEqual([]);
      expect(await admin.locator("[data-status]").getAttribute("data-status")).toBe("open");
      await form.getByRole("button", { name: "办结工单" }).click();
      await expect
        .poll(() => admin.locator("[data-status]").getAttribute("data-status"))
        .toBe("closed");
      expect(await admin.getByRole("form", { name: "回访记录" }).count()).toBe(0);
      // what the form held is on the record: the revisit, 属实, the measures
      await expect
        .poll(() =>
          admin.getByText("整改措施：对窗口人员开展服务规范培训，材料清单一次性告知").count(),
        )
        .toBe(1);
      expect(await admin.getByText("回访情况：已电话回访申请人，反映情况属实").count()).toBe(1);
      expect(await admin.getByText("核实结果：属实").count()).toBe(1);
      await photograph(admin, "admin-work-order-closed-1280");
      expect(errors.filter((e) => !e.includes("422"))).toEqual([]);

      const view = await v1(ctx.server.url).get(`/api/v1/cases/${c.serialNo}`);
      expect(view.body.workOrders).toEqual([
        expect.objectContaining({ status: "closed", overdue: false }),
      ]);

      // the list on a phone
      const small = await ctx.browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: "zh-CN",
        storageState: await desk.storageState(),
      });
      const mobile = await small.newPage();
      await mobile.goto(`${ctx.server.url}/admin/work-orders`);
      expect(await state(mobile)).toBe("work-orders");
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await photograph(mobile, "admin-work-orders-390");
      await small.close();
      await desk.close();
    },
  );

  test(
    "another scope's order is a 404 page; a window staff account gets 无权访问 (403)",
    { timeout: 120_000 },
    async () => {
      const c = await completedCase(ctx.server.url, {
        ...W11,
        applicant: { ...RATER, phone: "13902228765", idNumber: "440781195803120043" },
      });
      const code = await codeFor(ctx.server.url, { serialNo: c.serialNo });
      const citizen = await phone(ctx.browser);
      const page = await citizen.newPage();
      await page.goto(code.url.replace(/^https?:\/\/[^/]+/, ctx.server.url));
      await proveByOtp(page, ctx.server.url, "13902228765");
      await choose(page, "总体评价", "非常不满意");
      await page.getByLabel("不满意原因").first().fill("等候时间太长");
      await page.getByRole("button", { name: "提交评价" }).click();
      // the completion stage is rated; the page now offers the receipt stage's service rating
      await expect.poll(() => state(page), { timeout: 20_000 }).toBe("receipt");
      await citizen.close();
      const id = (
        (await v1(ctx.server.url).get(`/api/v1/cases/${c.serialNo}`)).body.workOrders as {
          id: string;
        }[]
      )[0]!.id;

      const other = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const dajiang = await other.newPage();
      await signInAtAdmin(dajiang, ctx.server.url, "admin-440781102", "demo-admin");
      const res = await dajiang.goto(`${ctx.server.url}/admin/work-orders/${id}`);
      expect(res?.status()).toBe(404);
      // the not-found page may still be streaming in when goto() returns on a busy machine
      await expect
        .poll(() => dajiang.getByRole("heading", { name: "找不到这条记录" }).count())
        .toBe(1);
      expect(await dajiang.content()).not.toContain(c.serialNo);
      await other.close();

      const staffCtx = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const staff = await staffCtx.newPage();
      await staff.goto(`${ctx.server.url}/admin`);
      await staff.getByLabel("账号").fill("TS1101");
      await staff.getByLabel("密码").fill("demo-staff");
      await staff.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => state(staff)).toBe("forbidden");
      const again = await staff.goto(`${ctx.server.url}/admin/work-orders`);
      expect(again?.status()).toBe(403);
      expect(await staff.getByRole("heading", { name: "无权访问" }).count()).toBe(1);
      await staffCtx.close();
    },
  );
});
