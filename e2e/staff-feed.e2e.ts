import type { Page } from "playwright-core";
import { expect, test } from "vitest";

import {
  appAndBrowser,
  codeFor,
  completedCase,
  type Person,
  phone,
  photograph,
  proveByOtp,
  shot,
  signInAs,
  state,
  watchErrors,
} from "./fixtures";

const app = appAndBrowser();
const rater: Person = { name: "伍秀兰", idNumber: "440781196205150021", phone: "13902290023" };

/** The rating page's own submit, from the rater's signed-in page: overall 满意, the staff's service as given. */
function rate(
  page: Page,
  token: string,
  submissionId: string,
  attitude: string,
  text: string,
): Promise<number> {
  return page.evaluate(
    async ({ token, submissionId, attitude, text }) => {
      const scores = [
        { indicatorCode: "overall", level: "satisfied", tagCodes: [], text: "大厅空调太冷" },
        { indicatorCode: "svc.attitude", level: attitude, tagCodes: [], text },
        { indicatorCode: "svc.ability", level: "satisfied", tagCodes: [] },
      ];
      const res = await fetch("/api/trpc/ratings.submit", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token, submissionId, stage: "completion", scores }),
      });
      return res.status;
    },
    { token, submissionId, attitude, text },
  );
}

test(
  "article 24: a staff member signs in and sees the rating of their own window in 我的评价 — never a colleague's, never the rater",
  { timeout: 120_000 },
  async () => {
    const mine = await completedCase(app.server.url, {
      windowCode: "W01",
      staffNo: "TS0001",
      applicant: rater,
    });
    const theirs = await completedCase(app.server.url, {
      windowCode: "W02",
      staffNo: "TS0002",
      applicant: rater,
    });
    const raterPage = await (await phone(app.browser)).newPage();
    const code = await codeFor(app.server.url, { serialNo: mine.serialNo });
    await raterPage.goto(code.url);
    await proveByOtp(raterPage, app.server.url, rater.phone);
    expect(await rate(raterPage, code.token, "feed-mine", "unsatisfied", "解释得不清楚")).toBe(200);
    expect(
      await rate(
        raterPage,
        (await codeFor(app.server.url, { serialNo: theirs.serialNo })).token,
        "feed-theirs",
        "very_unsatisfied",
        "陈伟的评价",
      ),
    ).toBe(200);

    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ] as const) {
      const context =
        width < 500
          ? await phone(app.browser)
          : await app.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${app.server.url}/staff`);
      await signInAs(page, "TS0001", "demo-staff");
      await expect.poll(() => state(page)).toBe("desk");
      const section = page.getByRole("region", { name: "我的评价" });
      const list = section.getByRole("list", { name: "我的评价列表" });
      await expect.poll(() => list.getByRole("listitem").first().textContent()).toContain("不满意");
      const text = (await section.textContent()) ?? "";
      expect(text).toContain("解释得不清楚");
      expect(text).toContain("本月评价1");
      expect(text).toContain("满意率0.0%");
      // no rater, no overall's text, no colleague's rating
      for (const never of [
        rater.name,
        "伍*兰",
        rater.phone.slice(-4),
        "大厅空调太冷",
        "陈伟的评价",
        "非常不满意",
      ])
        expect(text).not.toContain(never);
      await shot(page, `staff-my-ratings-${width}`);

      await page.goto(`${app.server.url}/staff/ratings`);
      expect(await state(page)).toBe("my-ratings");
      await expect
        .poll(() => page.getByRole("list", { name: "我的评价列表" }).locator(":scope > li").count())
        .toBe(1);
      await photograph(page, `staff-ratings-page-${width}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  },
);
