import { describe, expect, test } from "vitest";

import {
  closeRefusal,
  hotlineResultRefusal,
  isOverdue,
  recordRefusal,
  statusAfterRecord,
} from "./workorders.rules";

describe("the desk's records (article 21)", () => {
  test.each([
    ["an empty record", "open", {}, "请填写回访情况、核实结果或整改措施后再保存"],
    [
      "回访情况 without 核实结果",
      "open",
      { visitText: "已电话联系申请人" },
      "请选择核实结果：属实或不属实",
    ],
    ["核实结果 without 回访情况", "open", { verified: true }, "请填写回访情况"],
    [
      "整改措施 before any revisit",
      "open",
      { measures: "加强培训" },
      "请先记录回访情况和核实结果，再填写整改措施",
    ],
    [
      "anything on a closed order",
      "closed",
      { visitText: "x", verified: true },
      "工单已结束（已办结），不能再添加记录",
    ],
    [
      "anything on a not-adopted order",
      "not_adopted",
      { visitText: "x", verified: false },
      "工单已结束（不予采纳），不能再添加记录",
    ],
  ] as const)(
    "%s is refused with a sentence that says what is missing",
    (_, status, record, sentence) => {
      expect(recordRefusal(status, record)).toBe(sentence);
    },
  );

  test("a revisit moves open to visited; measures in the same record move it on to rectified; never backwards", () => {
    expect(
      recordRefusal("open", { visitText: "已回访", verified: true, measures: "补发材料清单" }),
    ).toBeNull();
    expect(statusAfterRecord("open", { visitText: "已回访", verified: false })).toBe("visited");
    expect(
      statusAfterRecord("open", { visitText: "已回访", verified: true, measures: "补发材料清单" }),
    ).toBe("rectified");
    expect(statusAfterRecord("visited", { measures: "约谈窗口负责人" })).toBe("rectified");
    expect(statusAfterRecord("rectified", { visitText: "再次回访", verified: true })).toBe(
      "rectified",
    );
    expect(statusAfterRecord("visited", { interviewed: true })).toBe("visited");
  });
});

describe("办结工单", () => {
  test("refused before any revisit, and while a confirmed complaint has no 整改措施", () => {
    expect(closeRefusal({ status: "open", verified: null, rectified: false })).toBe(
      "还没有回访记录：请先记录回访情况和核实结果，再办结工单",
    );
    expect(closeRefusal({ status: "visited", verified: true, rectified: false })).toBe(
      "核实属实的差评须先填写整改措施，再办结工单",
    );
    expect(closeRefusal({ status: "visited", verified: false, rectified: false })).toBeNull();
    expect(closeRefusal({ status: "rectified", verified: true, rectified: true })).toBeNull();
    expect(closeRefusal({ status: "closed", verified: true, rectified: true })).toBe(
      "工单已结束（已办结），不能再办结",
    );
  });
});

describe("12345's results", () => {
  test("forward only, never after the end", () => {
    expect(hotlineResultRefusal("open", "visited")).toBeNull();
    expect(hotlineResultRefusal("open", "closed")).toBeNull();
    expect(hotlineResultRefusal("open", "rectified")).toMatch(/须先报“已回访”/);
    expect(hotlineResultRefusal("closed", "visited")).toMatch(/已是“已办结”/);
    expect(hotlineResultRefusal("not_adopted", "closed")).toMatch(/已是“不予采纳”/);
  });
});

describe("overdue", () => {
  test("past due and not ended", () => {
    expect(isOverdue({ status: "open", dueAt: 100 }, 99)).toBe(false);
    expect(isOverdue({ status: "visited", dueAt: 100 }, 100)).toBe(true);
    expect(isOverdue({ status: "closed", dueAt: 100 }, 200)).toBe(false);
    expect(isOverdue({ status: "not_adopted", dueAt: 100 }, 200)).toBe(false);
  });
});
