import { expect, test } from "vitest";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { writeDefaults } from "../jobs/defaults.job";
import { submitRating } from "../ratings/ratings.service";
import { levelCounts } from "./stats.service";

const fresh = perTestDeps();

test("every figure with and without default ratings", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const rated = await completedCase(deps);
  await completedCase(deps); // never rated: both its stages get defaults
  await submitRating(deps, { applicantId: rated.applicantId, proof: "otp" }, {
    token: rated.token,
    submissionId: "st-1",
    stage: "completion",
    scores: [{ indicatorCode: "overall", level: "unsatisfied", tagCodes: ["overall.unsatisfied.1"] }],
  });
  clock.set("2026-03-10T00:00:00+08:00");
  expect(await writeDefaults(deps)).toBe(3); // the rated case's receipt stage and both stages of the other
  const period = { from: Date.parse("2026-03-01T00:00:00+08:00"), to: Date.parse("2026-04-01T00:00:00+08:00") };
  const withDefaults = await levelCounts(deps, period, { includeDefaults: true });
  const without = await levelCounts(deps, period, { includeDefaults: false });
  expect(withDefaults).toMatchObject({ total: 4, bad: 1, byLevel: { very_satisfied: 3, unsatisfied: 1 } });
  expect(without).toMatchObject({ total: 1, bad: 1, byLevel: { very_satisfied: 0, unsatisfied: 1 } });
  expect(withDefaults.activeRate).toBeCloseTo(0.25);
});
