import { beforeAll, describe, expect, inject, test } from "vitest";

import { openDatabase } from "../db/client";
import { systemClock } from "../server/clock";
import { depsOf } from "../tests/db";
import { badlyRated } from "../tests/workorder-fixtures";
import {
  a11yViolations,
  appAndBrowser,
  photograph,
  signInAtAdmin,
  state,
  watchErrors,
} from "./fixtures";

const ctx = appAndBrowser();

/** The 差评 the page reads: written straight into the server's database, as the rating page would. */
beforeAll(async () => {
  const database = await openDatabase(`file:${ctx.dbFile}`);
  const deps = depsOf(database, inject("dataKey"), systemClock);
  const papers = "overall.unsatisfied.3";
  for (const text of [
    "窗口工作人员态度很差，材料一次说不清，跑了三趟",
    "材料清单没有一次性告知，来回跑了好几趟",
    "身份证号440781195803120027X的材料被退回，态度冷淡",
  ])
    await badlyRated(deps, "W21", { tag: papers, text });
  await badlyRated(deps, "W21", {
    tag: "overall.unsatisfied.1",
    text: "办理时间太长，超过承诺时限",
  });
  await badlyRated(deps, "W11", {
    tag: "overall.unsatisfied.2",
    text: "台城窗口要求额外证明，电话13902221234一直没人接",
  });
  await badlyRated(deps, "W01", {
    tag: "overall.unsatisfied.1",
    text: "排队等了两个小时，叫号系统乱，态度也不好",
  });
  database.close();
});

describe("/admin/analysis (article 21 ¶2)", () => {
  test(
    "the bureau sees tags, items, keywords without numbers and the alert, and moves the threshold; 大江镇's admin sees only 大江镇",
    { timeout: 180_000 },
    async () => {
      const context = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signInAtAdmin(page, ctx.server.url, "bureau", "demo-bureau");
      expect(await page.getByRole("link", { name: "意见分析" }).count()).toBeGreaterThan(0);
      await page.goto(`${ctx.server.url}/admin/analysis`);
      expect(await state(page)).toBe("analysis");
      const alerts = page.getByRole("region", { name: "意见较集中" });
      expect(await alerts.getByText("需提供办事指南之外的申报材料").count()).toBe(1);
      expect(await alerts.getByText("3 条", { exact: true }).count()).toBe(1);
      const chips = await page
        .getByRole("list", { name: "关键词" })
        .getByRole("listitem")
        .allTextContents();
      expect(chips.slice(0, 2).map((c) => c.split(" ")[0])).toEqual(["材料", "态度"]);
      expect(chips.join(" ").replace(/\(\d+\)/g, "")).not.toMatch(/\d/);
      expect(await page.getByRole("table").first().getByRole("row").count()).toBeGreaterThan(2);
      await photograph(page, "admin-analysis-1280", { fullPage: false });
      await photograph(page, "admin-analysis-1280-full");
      expect(await a11yViolations(page)).toEqual([]);

      await page.getByRole("spinbutton", { name: "差评条数" }).fill("4");
      await page.getByRole("button", { name: "保存阈值" }).click();
      await expect
        .poll(() => alerts.getByText("统计期内没有意见较集中的事项。").count(), { timeout: 15_000 })
        .toBe(1);
      await page.getByRole("spinbutton", { name: "差评条数" }).fill("3");
      await page.getByRole("button", { name: "保存阈值" }).click();
      await expect
        .poll(() => alerts.getByText("需提供办事指南之外的申报材料").count(), { timeout: 15_000 })
        .toBe(1);
      // the period lives in the URL
      await page.goto(`${ctx.server.url}/admin/analysis?from=2020-01-01&to=2020-01-31`);
      expect(await page.getByLabel("起始日期").inputValue()).toBe("2020-01-01");
      expect(await page.getByText("统计期内没有差评。").count()).toBe(2);
      expect(errors).toEqual([]);
      await context.close();

      const other = await ctx.browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: "zh-CN",
      });
      const dajiang = await other.newPage();
      await signInAtAdmin(dajiang, ctx.server.url, "admin-440781102", "demo-admin");
      await dajiang.goto(`${ctx.server.url}/admin/analysis`);
      expect(await state(dajiang)).toBe("analysis");
      const html = await dajiang.locator("main").innerText();
      expect(html).toContain("需提供办事指南之外的申报材料");
      expect(html).not.toMatch(/ITEM-0101|ITEM-0001|证明|没人接|排队/);
      expect(await dajiang.getByRole("button", { name: "保存阈值" }).count()).toBe(0);
      await photograph(dajiang, "admin-analysis-dajiang-1280", { fullPage: false });
      await other.close();
    },
  );
});
