import type { Page } from "playwright-core";
import { expect, test } from "vitest";

import {
  appAndBrowser,
  choose,
  type Person,
  phone,
  proveByOtp,
  ratableCase,
  shot,
  state,
  submitFromPage,
  watchErrors,
} from "./fixtures";

const app = appAndBrowser();
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const thisMonth = today.slice(0, 7);
const person: Person = { name: "伍秀兰", idNumber: "440781196205150021", phone: "13902290021" };

/** tRPC from inside a page on the server's origin (same-origin, with the page's cookies). */
const trpc = (page: Page, path: string, input: unknown, method: "GET" | "POST") =>
  page.evaluate(
    async ({ path, input, method }) => {
      const url =
        method === "GET"
          ? `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`
          : `/api/trpc/${path}`;
      const res = await fetch(url, {
        method,
        headers: { "content-type": "application/json" },
        body: method === "POST" ? JSON.stringify(input) : undefined,
      });
      return { status: res.status, body: (await res.json()) as { result?: { data: unknown } } };
    },
    { path, input, method },
  );

test(
  "the bureau publishes this month; /public shows it in three languages; a later rating changes the figures, not the published month",
  { timeout: 240_000 },
  async () => {
    // six ratings of this month at 台山市 by one person: the first through the page, the rest with its session
    const rater = await (await phone(app.browser)).newPage();
    const cases = [];
    for (let i = 0; i < 7; i++) cases.push(await ratableCase(app.server.url, person));
    await rater.goto(cases[0]!.url);
    await proveByOtp(rater, app.server.url, person.phone);
    await choose(rater, "总体评价", "满意");
    await rater.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => state(rater)).toBe("rated");
    for (const c of cases.slice(1, 6))
      expect(await submitFromPage(rater, c.token, `pub-${c.serialNo}`)).toBe(200);

    // the bureau signs in and publishes 统计期 = this month
    const bureau = await (await app.browser.newContext()).newPage();
    await bureau.goto(`${app.server.url}/public`);
    expect(await state(bureau)).toBe("public");
    expect(
      (await trpc(bureau, "auth.signIn", { login: "bureau", password: "demo-bureau" }, "POST"))
        .status,
    ).toBe(200);
    const published = await trpc(bureau, "stats.publish", { period: thisMonth }, "POST");
    expect(published.status).toBe(200);
    const hash = (published.body.result!.data as { hash: string }).hash;

    const words = {
      "zh-CN": { title: "政务服务“好差评”结果公示", org: "台山市", ratings: "评价数" },
      "zh-TW": { title: "政務服務“好差評”結果公示", org: "台山市", ratings: "評價數" },
      en: {
        title: "Published government service ratings",
        org: "Taishan City",
        ratings: "Ratings",
      },
    } as const;
    for (const [locale, w] of Object.entries(words)) {
      const context = await phone(app.browser, { locale });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${app.server.url}/public`);
      expect(await state(page)).toBe("public");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(w.title);
      const card = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: w.org, exact: true }) });
      expect(await card.getByRole("definition").first().textContent()).toBe("6");
      expect(await card.getByText(w.ratings, { exact: true }).count()).toBe(1);
      expect(await page.getByText(hash).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await shot(page, `public-${locale}-390`);
      expect(errors).toEqual([]);
      await context.close();
    }

    // a rating made afterwards: the dashboard's figures move, the published month does not
    const before = await trpc(
      bureau,
      "stats.query",
      { from: `${thisMonth}-01`, to: today, groupBy: "org" },
      "GET",
    );
    expect(await submitFromPage(rater, cases[6]!.token, `pub-${cases[6]!.serialNo}`)).toBe(200);
    const after = await trpc(
      bureau,
      "stats.query",
      { from: `${thisMonth}-01`, to: today, groupBy: "org" },
      "GET",
    );
    const cityOf = (r: { body: { result?: { data: unknown } } }) =>
      (r.body.result!.data as { rows: { key: string; ratings: number }[] }).rows.find(
        (x) => x.key === "440781",
      )?.ratings;
    expect([cityOf(before), cityOf(after)]).toEqual([6, 7]);
    const pub = (await (
      await fetch(`${app.server.url}/api/public/results?period=${thisMonth}`)
    ).json()) as {
      hash: string;
      rows: { code: string; ratings: number }[];
    };
    expect(pub.hash).toBe(hash);
    expect(pub.rows.find((r) => r.code === "440781")?.ratings).toBe(6);
    // no period named: the latest month published, the same document
    expect(await (await fetch(`${app.server.url}/api/public/results`)).json()).toEqual(pub);
    await bureau.reload();
    const card = bureau
      .getByRole("listitem")
      .filter({ has: bureau.getByRole("heading", { name: "台山市", exact: true }) });
    expect(await card.getByRole("definition").first().textContent()).toBe("6");
  },
);
