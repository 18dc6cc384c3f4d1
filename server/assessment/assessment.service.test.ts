import { expect, test } from "vitest";

import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { rateCase } from "@/tests/stats-fixtures";

import { recordWorkOrderResult } from "../hotline/hotline.service";
import { assessmentPeriod, assessmentScore, DEFAULT_RULES } from "./assessment.rules";

const fresh = perTestDeps();

test("the score: weighted average, on-time and revisit rates, less the deduction per confirmed 差评", () => {
  expect(
    assessmentScore(DEFAULT_RULES, {
      average: 9,
      opened: 0,
      closedOnTime: 0,
      revisited: 0,
      confirmedBad: 0,
    }),
  ).toBe(94);
  expect(
    assessmentScore(
      { weights: { average: 0.5, onTime: 0.5, revisit: 0 }, deduction: 2 },
      { average: 8, opened: 4, closedOnTime: 1, revisited: 2, confirmedBad: 3 },
    ),
  ).toBe(46.5);
  expect(assessmentPeriod(2026, 1)).toEqual({ from: "2026-01-01", to: "2026-03-31" });
  expect(assessmentPeriod(2024, 1).to).toBe("2024-03-31");
  expect(assessmentPeriod(2026)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
});

test("the bureau edits the year's rules; results per unit and staff are ranked and scoped", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  await rateCase(deps, {
    overall: "very_satisfied",
    attitude: "very_satisfied",
    orgCode: "440781101",
    itemCode: "ITEM-0101",
    windowCode: "W11",
    staffNo: "TS1101",
  });
  const bad = await rateCase(deps, {
    overall: "unsatisfied",
    attitude: "unsatisfied",
    orgCode: "440781102",
    itemCode: "ITEM-0201",
    windowCode: "W21",
    staffNo: "TS1201",
  });
  const [wo] = await deps.database.db.query.workOrders.findMany({
    where: (w, { eq }) => eq(w.ratingId, bad.ratingId),
  });
  await recordWorkOrderResult(deps, "test", wo!.id, {
    resultId: "a-1",
    occurredAt: "2026-03-03T10:00:00+08:00",
    status: "visited",
    verified: true,
    text: "属实",
  });

  const bureau = await callerFor(deps, "bureau");
  await expect(
    bureau.assessment.setRules({
      year: 2026,
      rules: { weights: { average: 0.5, onTime: 0.5, revisit: 0.5 }, deduction: 1 },
    }),
  ).rejects.toBeTruthy();
  await bureau.assessment.setRules({
    year: 2026,
    rules: { weights: { average: 0.5, onTime: 0.25, revisit: 0.25 }, deduction: 5 },
  });
  const units = await bureau.assessment.results({ year: 2026, quarter: 1, by: "org" });
  expect(units.rows.map((r) => [r.rank, r.key, r.score, r.confirmedBad])).toEqual(
    [
      [1, "440781101", 100],
      [2, "440781102", 35],
    ].map(([a, b, c]) => [a, b, c, b === "440781102" ? 1 : 0]),
  );
  const staff = await bureau.assessment.results({ year: 2026, by: "staff" });
  expect(staff.rows.map((r) => r.key)).toEqual(["TS1101", "TS1201"]);
  // an org admin sees only their own; only the bureau edits the rules
  const dajiang = await callerFor(deps, "admin-440781102");
  expect(
    (await dajiang.assessment.results({ year: 2026, by: "staff" })).rows.map((r) => r.key),
  ).toEqual(["TS1201"]);
  await expect(
    dajiang.assessment.setRules({
      year: 2026,
      rules: { weights: { average: 1, onTime: 0, revisit: 0 }, deduction: 0 },
    }),
  ).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
});
