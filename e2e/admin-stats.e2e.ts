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
const person: Person = { name: "伍秀兰", idNumber: "440781196205150021", phone: "13902290022" };

test(
  "the bureau's /admin/stats and /admin/publish at 1280×800: figures, drill-down, export, publish",
  { timeout: 180_000 },
  async () => {
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await ratableCase(app.server.url, person));
    const rater = await (await app.browser.newContext()).newPage();
    await rater.goto(cases[0]!.url);
    await proveByOtp(rater, app.server.url, person.phone);
    for (const c of cases)
      expect(await submitFromPage(rater, c.token, `adm-${c.serialNo}`)).toBe(200);

    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${app.server.url}/admin/stats`);
    expect(await state(page)).toBe("sign_in");
    await page.getByLabel("账号").fill("bureau");
    await page.getByLabel("密码").fill("demo-bureau");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => state(page)).toBe("stats");
    expect(await page.getByRole("link", { name: "台山市", exact: true }).count()).toBe(1);
    await photograph(page, "admin-stats-1280", { fullPage: false });
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "台山市", exact: true }).click();
    await expect.poll(() => page.url()).toContain("groupBy=window");
    const exportHref = await page.getByRole("link", { name: "导出 Excel" }).getAttribute("href");
    const res = await page.request.get(`${app.server.url}${exportHref}`);
    expect(res.headers()["content-type"]).toContain("spreadsheetml");

    await page.goto(`${app.server.url}/admin/publish`);
    expect(await state(page)).toBe("publish");
    await page.getByRole("button", { name: "发布" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("已发布");
    await photograph(page, "admin-publish-1280", { fullPage: false });
    await page.reload();
    await expect.poll(() => page.getByRole("cell", { name: "第 1 版" }).count()).toBe(1);
    await photograph(page, "admin-publish-list-1280", { fullPage: false });
    expect(errors).toEqual([]);
  },
);
