import { describe, expect, test } from "vitest";

import {
  a11yViolations,
  appAndBrowser,
  photograph,
  signInAtAdmin,
  state,
  watchErrors,
} from "./fixtures";

const ctx = appAndBrowser();

describe("the bureau's management desks (/admin/manage, article 5)", () => {
  test(
    "the management desks at 1280×800, signed in as the bureau; an org admin gets 403",
    { timeout: 180_000 },
    async () => {
      const context = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signInAtAdmin(page, ctx.server.url, "bureau", "demo-bureau");
      for (const path of [
        "",
        "/catalog",
        "/registers?kind=staff",
        "/accounts",
        "/calendar?month=2026-10",
        "/clients",
        "/keys",
        "/outbox",
        "/audit",
        "/flags",
      ]) {
        await page.goto(`${ctx.server.url}/admin/manage${path}`);
        expect(await state(page), path).toBe("manage");
        await photograph(page, `admin-manage${path.replace(/[/?=&]+/g, "-") || "-index"}-1280`, {
          fullPage: false,
        });
        expect(await a11yViolations(page), path).toEqual([]);
      }
      // a dry run of a bad staff file lists the bad row and writes nothing
      await page.goto(`${ctx.server.url}/admin/manage/registers?kind=staff`);
      const importForm = page.getByRole("form", { name: "导入" });
      await importForm.locator("input[type=file]").setInputFiles({
        name: "staff.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          "工号,姓名,机构代码,窗口编码\nTS8001,张三,440781-H01,W01\nTS8002,李四,NOPE,\n",
        ),
      });
      await importForm.getByRole("button", { name: "试导入（不写入）" }).click();
      await expect
        .poll(() => importForm.getByRole("status").textContent())
        .toContain("第 3 行：机构代码：找不到 NOPE");
      await photograph(page, "admin-manage-import-dry-run-1280", { fullPage: false });
      // a lost screen: 撤销设备登记 asks first, then the row says so
      await page.goto(`${ctx.server.url}/admin/manage/registers?kind=windows`);
      const w02 = page.getByRole("row").filter({ hasText: "W02" });
      page.once("dialog", (d) => void d.accept());
      await w02.getByRole("button", { name: "撤销设备登记" }).click();
      await expect.poll(() => w02.textContent()).toContain("设备登记已撤销");
      // on a phone the registers stay readable: no heading broken a character a line, the table
      // scrolls inside its card, the page never sideways
      await page.setViewportSize({ width: 390, height: 844 });
      for (const kind of ["staff", "windows"]) {
        await page.goto(`${ctx.server.url}/admin/manage/registers?kind=${kind}`);
        const layout = await page.evaluate(() => ({
          pageWidth: document.documentElement.scrollWidth,
          brokenHeads: [...document.querySelectorAll("th")]
            .filter((th) => {
              const range = document.createRange();
              range.selectNodeContents(th);
              return range.getClientRects().length > 1;
            })
            .map((th) => th.textContent),
        }));
        expect(layout, kind).toEqual({ pageWidth: 390, brokenHeads: [] });
        expect(await a11yViolations(page), kind).toEqual([]);
      }
      await photograph(page, "admin-manage-registers-390", { fullPage: false });
      expect(errors.filter((e) => !/422|status of 4\d\d/.test(e))).toEqual([]);
      await context.close();

      const org = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const orgPage = await org.newPage();
      await signInAtAdmin(orgPage, ctx.server.url, "admin-440781", "demo-admin");
      const res = await orgPage.goto(`${ctx.server.url}/admin/manage/keys`);
      expect(res?.status()).toBe(403);
      await org.close();
    },
  );
});
