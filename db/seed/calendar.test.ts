import { expect, test } from "vitest";

import { calendarRows } from "./calendar";

const byDate = new Map(calendarRows([2025, 2026, 2027]).map((r) => [r.date, r]));

test.each([
  ["2026-10-01", false, "国庆 2026"],
  ["2026-10-10", true, "国庆 2026 make-up Saturday"],
  ["2026-02-14", true, "春节 2026 make-up Saturday"],
  ["2026-02-23", false, "春节 2026"],
  ["2027-02-05", false, "除夕 2027 (statutory)"],
  ["2027-02-08", false, "初三 2027 (statutory)"],
  ["2027-04-05", false, "清明 2027"],
  ["2027-06-09", false, "端午 2027"],
  ["2027-09-15", false, "中秋 2027"],
  ["2027-10-03", false, "国庆 2027"],
  ["2027-10-04", true, "an ordinary Monday of 2027 until the notice says otherwise"],
])("%s workday=%s (%s)", (date, workday) => {
  expect(byDate.get(date)?.workday).toBe(workday);
});

test("three whole years", () => {
  expect(calendarRows([2025, 2026, 2027])).toHaveLength(365 + 365 + 365);
});
