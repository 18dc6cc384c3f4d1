import { describe, expect, test } from "vitest";

import { PNG_BYTES } from "../tests/admin-fixtures";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import {
  a11yViolations,
  appAndBrowser,
  choose,
  codeFor,
  phone,
  photograph,
  proveByOtp,
  signInAtAdmin,
  state,
  watchErrors,
} from "./fixtures";

const ctx = appAndBrowser();
const RATER = { name: "伍美玲", idNumber: "440781196502140046", phone: "13902225678" };

describe("article 22 in the browser", () => {
  test(
    "台城街道's admin appeals a 服务态度 不满意 with a PNG; the bureau adopts it; the work order shows 不予采纳",
    { timeout: 240_000 },
    async () => {
      // a W11 case received at the window: its receipt stage rates the staff member's service only
      const received = caseEvent({
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        case: {
          windowCode: "W11",
          staffNo: "TS1101",
          itemCode: "ITEM-0101",
          orgCode: "440781101",
          applicant: { type: "person", ...RATER },
        },
      });
      expect((await v1(ctx.server.url).post("/api/v1/case-events", received)).status).toBe(200);
      const serialNo = received.case.serialNo;
      const code = await codeFor(ctx.server.url, { serialNo });
      const citizen = await phone(ctx.browser);
      const rate = await citizen.newPage();
      await rate.goto(code.url.replace(/^https?:\/\/[^/]+/, ctx.server.url));
      await proveByOtp(rate, ctx.server.url, RATER.phone);
      await choose(rate, "服务态度", "不满意");
      await rate.getByLabel("不满意原因").first().fill("工作人员说话不耐烦");
      await rate.getByRole("button", { name: "提交评价" }).click();
      await expect.poll(() => state(rate), { timeout: 20_000 }).not.toBe("receipt");
      await citizen.close();

      // the org admin finds the order and appeals its service part with a PNG
      const orgContext = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const admin = await orgContext.newPage();
      const errors = watchErrors(admin);
      await signInAtAdmin(admin, ctx.server.url, "admin-440781101", "demo-admin");
      await admin.getByRole("link", { name: "差评工单" }).click();
      await expect.poll(() => state(admin)).toBe("work-orders");
      await admin
        .getByRole("row")
        .filter({ hasText: serialNo })
        .getByRole("link", { name: serialNo })
        .click();
      await expect.poll(() => state(admin)).toBe("work-order");
      const workOrderUrl = admin.url();
      await admin.getByRole("link", { name: "对服务评价提出申诉" }).click();
      await expect.poll(() => state(admin)).toBe("appeals");
      const form = admin.getByRole("form", { name: "提出申诉" });
      expect(await form.getByRole("checkbox", { name: "服务态度" }).isChecked()).toBe(true);
      // a text file called .png is refused by the server, with the file named
      await form.getByLabel("申诉理由").fill("监控录像显示工作人员全程耐心解答，评价与事实不符");
      await form.getByLabel(/证明材料/).setInputFiles({
        name: "录像截图.png",
        mimeType: "image/png",
        buffer: Buffer.from("not a picture"),
      });
      await form.getByRole("button", { name: "提交申诉" }).click();
      await expect
        .poll(() => form.getByRole("alert").textContent())
        .toBe("证明材料“录像截图.png”：文件内容不是 PDF、JPEG 或 PNG");
      await photograph(admin, "admin-appeal-form-1280", { fullPage: false });
      expect(await a11yViolations(admin)).toEqual([]);
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
      expect(await admin.getByRole("link", { name: /录像截图\.png/ }).count()).toBe(1);
      await photograph(admin, "admin-appeal-pending-1280", { fullPage: false });
      await orgContext.close();

      // the bureau adopts it
      const bureauContext = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const bureau = await bureauContext.newPage();
      const bureauErrors = watchErrors(bureau);
      await signInAtAdmin(bureau, ctx.server.url, "bureau", "demo-bureau");
      await bureau.getByRole("link", { name: "申诉", exact: true }).click();
      await expect.poll(() => state(bureau)).toBe("appeals");
      await photograph(bureau, "admin-appeals-list-1280", { fullPage: false });
      expect(await a11yViolations(bureau)).toEqual([]);
      await bureau.getByRole("row").filter({ hasText: "黄丽" }).getByRole("link").first().click();
      const decide = bureau.getByRole("form", { name: "申诉决定" });
      await decide.getByRole("radio", { name: "采纳" }).check();
      await decide.getByLabel("决定理由").fill("经人员管理单位确认，评价不实");
      await decide.getByRole("button", { name: "提交决定" }).click();
      await expect
        .poll(() => bureau.locator("header [data-status]").getAttribute("data-status"))
        .toBe("adopted");
      await photograph(bureau, "admin-appeal-adopted-1280", { fullPage: false });
      expect(await a11yViolations(bureau)).toEqual([]);

      // the rating stays on the work order, marked 不予采纳; the order ended not_adopted
      await bureau.goto(workOrderUrl);
      await expect.poll(() => state(bureau)).toBe("work-order");
      expect(await bureau.locator("[data-mark=not_adopted]").textContent()).toBe(
        "服务评价不予采纳",
      );
      expect(await bureau.getByText("工作人员说话不耐烦").count()).toBeGreaterThan(0);
      expect(await bureau.locator("header [data-status]").getAttribute("data-status")).toBe(
        "not_adopted",
      );
      await photograph(bureau, "admin-work-order-not-adopted-1280", { fullPage: false });
      expect([...errors, ...bureauErrors].filter((e) => !/422|status of 4\d\d/.test(e))).toEqual(
        [],
      );
      await bureauContext.close();
    },
  );
});
