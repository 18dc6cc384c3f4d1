import { expect, test } from "vitest";

import { periodOf } from "./report.period";

const today = "2026-04-15";

test("the URL's period: a month, a quarter or any days, each with its printed title; none is this month", () => {
  expect(periodOf({}, today)).toEqual({
    period: { kind: "month", from: "2026-04-01", to: "2026-04-30", title: "2026年4月" },
  });
  expect(periodOf({ month: "2024-02" }, today).period).toMatchObject({
    from: "2024-02-01",
    to: "2024-02-29",
    title: "2024年2月",
  });
  expect(periodOf({ quarter: "2026-Q1" }, today).period).toEqual({
    kind: "quarter",
    from: "2026-01-01",
    to: "2026-03-31",
    title: "2026年第一季度",
  });
  expect(periodOf({ quarter: "2025-Q4" }, today).period).toMatchObject({
    from: "2025-10-01",
    to: "2025-12-31",
    title: "2025年第四季度",
  });
  expect(periodOf({ from: "2026-03-01", to: "2026-03-15" }, today).period).toEqual({
    kind: "custom",
    from: "2026-03-01",
    to: "2026-03-15",
    title: "2026年3月1日至2026年3月15日",
  });
  // a whole month typed as days is that month
  expect(periodOf({ from: "2026-03-01", to: "2026-03-31" }, today).period).toMatchObject({
    kind: "month",
    title: "2026年3月",
  });
});

test("a wrong period falls back to this month with a sentence saying what is wrong", () => {
  const thisMonth = { kind: "month", from: "2026-04-01", to: "2026-04-30" };
  expect(periodOf({ month: "2026-13" }, today)).toMatchObject({
    period: thisMonth,
    error: "月份应写成“2026-03”的样子",
  });
  expect(periodOf({ quarter: "2026-Q5" }, today)).toMatchObject({
    period: thisMonth,
    error: "季度应写成“2026-Q1”的样子",
  });
  expect(periodOf({ from: "2026-03-10", to: "2026-03-01" }, today)).toMatchObject({
    period: thisMonth,
    error: "开始日期不能晚于结束日期",
  });
  expect(periodOf({ from: "2026-03-10" }, today)).toMatchObject({
    period: thisMonth,
    error: "结束日期必须是真实的日期（年-月-日）",
  });
});
