import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { cases, ratings } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedBatch, completedTheme } from "@/tests/rating-fixtures";

import { ratingPage } from "./page.service";
import { submitRating } from "./ratings.service";
import { parseScores } from "./scores";
import type { Level } from "./vocabulary";

const fresh = perTestDeps();
const overall = (level: Level) => [{ indicatorCode: "overall", level, tagCodes: [] }];

async function scoresBySerial(deps: Awaited<ReturnType<typeof fresh>>["deps"], themeNo: string) {
  const rows = await deps.database.db
    .select({ serialNo: cases.serialNo, scores: ratings.scores })
    .from(ratings)
    .innerJoin(cases, eq(cases.id, ratings.caseId))
    .where(eq(ratings.themeNo, themeNo));
  return new Map(
    rows.map((r) => [
      r.serialNo,
      parseScores(r.scores).map((s) => `${s.indicatorCode}:${s.level}`),
    ]),
  );
}

describe("一件事 (article 20)", () => {
  test("the page names the theme and its items", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const t = await completedTheme(deps, ["ITEM-0002", "ITEM-0003"]);
    expect(
      await ratingPage(deps, t.token, { applicantId: t.applicantId, proof: "otp" }),
    ).toMatchObject({
      state: "open",
      header: {
        theme: {
          name: "开办餐饮店“一件事”",
          items: [{ itemName: "食品经营许可证核发" }, { itemName: "个体工商户设立登记" }],
        },
      },
    });
  });

  test("an overall submitted directly applies to the theme: every case gets it", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const t = await completedTheme(deps, ["ITEM-0002", "ITEM-0003"]);
    await submitRating(
      deps,
      { applicantId: t.applicantId, proof: "otp" },
      {
        token: t.token,
        submissionId: "th-1",
        stage: "completion",
        scores: overall("very_satisfied"),
      },
    );
    const got = await scoresBySerial(deps, t.themeNo);
    expect([...got.values()]).toEqual([["overall:very_satisfied"], ["overall:very_satisfied"]]);
  });

  test("expanded: an item's own ratings go with its case only", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const t = await completedTheme(deps, ["ITEM-0002", "ITEM-0003"]);
    const [first, second] = t.serials as [string, string];
    await submitRating(
      deps,
      { applicantId: t.applicantId, proof: "otp" },
      {
        token: t.token,
        submissionId: "th-2",
        stage: "completion",
        scores: overall("satisfied"),
        items: [
          {
            serialNo: second,
            scores: [
              {
                indicatorCode: "biz.trips",
                level: "unsatisfied",
                tagCodes: ["biz.trips.unsatisfied.1"],
              },
            ],
          },
        ],
      },
    );
    const got = await scoresBySerial(deps, t.themeNo);
    expect(got.get(first)).toEqual(["overall:satisfied"]);
    expect(got.get(second)).toEqual(["overall:satisfied", "biz.trips:unsatisfied"]);
  });

  test("item ratings are refused outside a theme, and for a case not in the theme", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const b = await completedBatch(deps, 2);
    await expect(
      submitRating(
        deps,
        { applicantId: b.applicantId, proof: "otp" },
        {
          token: b.token,
          submissionId: "b-x",
          stage: "completion",
          scores: overall("satisfied"),
          items: [{ serialNo: b.serials[0]!, scores: [] }],
        },
      ),
    ).rejects.toMatchObject({ code: "invalid" });
    const t = await completedTheme(deps, ["ITEM-0002"]);
    await expect(
      submitRating(
        deps,
        { applicantId: t.applicantId, proof: "otp" },
        {
          token: t.token,
          submissionId: "t-x",
          stage: "completion",
          scores: overall("satisfied"),
          items: [{ serialNo: "NOT-IN-THEME", scores: [] }],
        },
      ),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await deps.database.db.$count(ratings)).toBe(0);
  });
});
