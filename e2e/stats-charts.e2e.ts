import type { BrowserContext } from "playwright-core";
import { expect, test } from "vitest";

import {
  a11yViolations,
  appAndBrowser,
  type Person,
  photograph,
  proveByOtp,
  ratableCase,
  state,
  submitFromPage,
  watchErrors,
} from "./fixtures";

const app = appAndBrowser();
const person: Person = { name: "伍秀兰", idNumber: "440781196205150021", phone: "13902290024" };
/** A string of ECharts' own (the DOM attribute it marks a chart with) that survives minifying: its chunk carries it. */
const ECHARTS_MARK = "_echarts_instance_";

/** Opens `path` in the context and answers the ECharts chunk it loaded (its path), or null. */
async function loadsEcharts(
  context: BrowserContext,
  path: string,
  ready?: string,
): Promise<string | null> {
  const page = await context.newPage();
  const bodies: Promise<[string, string]>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script")
      bodies.push(
        res.text().then(
          (t) => [new URL(res.url()).pathname, t] as [string, string],
          () => ["", ""],
        ),
      );
  });
  await page.goto(`${app.server.url}${path}`, { waitUntil: "networkidle" });
  if (ready) await page.locator(ready).first().waitFor();
  const scripts = await Promise.all(bodies);
  expect(scripts.length, `${path} loads scripts`).toBeGreaterThan(0);
  await page.close();
  return scripts.find(([, text]) => text.includes(ECHARTS_MARK))?.[0] ?? null;
}

test(
  "ECharts draws /admin/stats' trend and level distribution under the CSP, and no other page loads it",
  { timeout: 180_000 },
  async () => {
    const c = await ratableCase(app.server.url, person);
    const rater = await (await app.browser.newContext()).newPage();
    await rater.goto(c.url);
    await proveByOtp(rater, app.server.url, person.phone);
    expect(await submitFromPage(rater, c.token, `chart-${c.serialNo}`)).toBe(200);
    const other = await ratableCase(app.server.url, person);

    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    // the citizen's pages and the public one, before and after signing in
    for (const path of ["/", new URL(other.url).pathname, "/me", "/public", "/staff"])
      expect(await loadsEcharts(context, path), path).toBeNull();

    const page = await context.newPage();
    const errors = watchErrors(page); // a CSP refusal is a console error
    await page.goto(`${app.server.url}/admin/stats`);
    await page.getByLabel("账号").fill("bureau");
    await page.getByLabel("密码").fill("demo-bureau");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => state(page)).toBe("stats");
    const line = page.getByRole("img", { name: /^每日评价数折线图：.* 共 1 条/ });
    const bars = page.getByRole("img", {
      name: "评价等级分布柱状图：非常满意 1 条，满意 0 条，基本满意 0 条，不满意 0 条，非常不满意 0 条",
    });
    await line.locator("svg").waitFor();
    await bars.locator("svg").waitFor();
    expect(await bars.locator("svg path").count()).toBeGreaterThan(0);
    // the figures stay in the page for screen readers
    expect(
      await page.getByRole("list", { name: "评价等级分布" }).getByRole("listitem").count(),
    ).toBe(5);
    await photograph(page, "admin-stats-charts-1280", { fullPage: false });
    await photograph(page, "admin-stats-charts-1280-full");
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();

    // signed in now: /admin/stats loads the chunk, the overview does not
    const chunk = await loadsEcharts(context, "/admin/stats", "[data-chart] svg");
    expect(chunk).toMatch(/^\/_next\/static\/.+\.js$/);
    expect(await loadsEcharts(context, "/admin")).toBeNull();
    // nor is it in the service worker's precache, which every phone that opens a rating page downloads
    const sw = await (await fetch(`${app.server.url}/serwist/sw.js`)).text();
    expect(sw).toContain("static/chunks/");
    expect(sw).not.toContain(chunk!.replace(/^\/_next\//, ""));
    await context.close();
  },
);
