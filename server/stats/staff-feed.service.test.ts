import { expect, test } from "vitest";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { rateCase } from "@/tests/stats-fixtures";
import { submitRating } from "../ratings/ratings.service";

const fresh = perTestDeps();

test("a staff member's feed: their own ratings' service parts, no rater, no text unless about service; never another's", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const c = await completedCase(deps, { case: { orgCode: "440781101", itemCode: "ITEM-0101", windowCode: "W11", staffNo: "TS1101" } });
  await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: "feed-1",
      stage: "completion",
      scores: [
        { indicatorCode: "overall", level: "unsatisfied", tagCodes: [], text: "大厅太挤，黄秀英 13902221234" },
        { indicatorCode: "svc.attitude", level: "unsatisfied", tagCodes: [], text: "不耐烦" },
        { indicatorCode: "svc.ability", level: "satisfied", tagCodes: [] },
      ],
    },
  );
  clock.advance(60_000);
  await rateCase(deps, { overall: "very_satisfied", orgCode: "440781101", itemCode: "ITEM-0101", windowCode: "W11", staffNo: "TS1101" }); // no service part
  await rateCase(deps, { overall: "satisfied", attitude: "very_satisfied", orgCode: "440781102", itemCode: "ITEM-0201", windowCode: "W21", staffNo: "TS1201" });

  const feed = await (await callerFor(deps, "TS1101")).stats.myFeed();
  expect(feed).toEqual([
    {
      at: expect.any(Number) as number,
      stage: "completion",
      source: "rater",
      level: "unsatisfied",
      scores: [
        { indicatorCode: "svc.attitude", level: "unsatisfied", tags: [], text: "不耐烦" },
        { indicatorCode: "svc.ability", level: "satisfied", tags: [] },
      ],
    },
  ]);
  expect(JSON.stringify(feed)).not.toMatch(/大厅太挤|黄秀英|1390222/);
  expect((await (await callerFor(deps, "TS1201")).stats.myFeed()).map((e) => e.level)).toEqual(["very_satisfied"]);
  await expect((await callerFor(deps, "admin-440781101")).stats.myFeed()).rejects.toMatchObject({ code: "FORBIDDEN" });
});
