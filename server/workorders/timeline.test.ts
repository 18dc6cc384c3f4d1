import { describe, expect, test } from "vitest";

import { deskTimeline } from "./desk.detail";
import { raterTimeline, type WorkOrderEvent } from "./timeline";

/** One order's life, every kind of event once, as workOrderEvents returns it (oldest first). */
const events: WorkOrderEvent[] = [
  { kind: "created", at: 1 },
  { kind: "sent", at: 2, status: "sent", sentAt: 2, attempts: 1, lastError: null },
  { kind: "result", at: 3, status: "visited", text: "已回访", verified: true },
  {
    kind: "desk",
    at: 4,
    close: false,
    visitText: "电话回访",
    verified: true,
    measures: "已整改",
    interviewed: true,
    by: "台城街道管理员",
  },
  { kind: "appended", at: 5, level: "unsatisfied", text: "还是没解决" },
  { kind: "appeal", at: 6, by: "台城街道管理员" },
  { kind: "appeal_decided", at: 7, outcome: "rejected" },
  { kind: "supervise", at: 8, note: "请尽快办结", by: "市政务服务数据管理局" },
  {
    kind: "desk",
    at: 9,
    close: true,
    visitText: null,
    verified: null,
    measures: null,
    interviewed: false,
    by: "台城街道管理员",
  },
  { kind: "fix_rated", at: 10, level: "satisfied", reopened: false },
];

describe("one source of a work order's events, two readers (SPEC §7, §9)", () => {
  test("the desk shows every event; the rater sees a part of the same events, at the same times", () => {
    const desk = deskTimeline(events);
    const rater = raterTimeline(events);
    expect(desk.map((e) => e.at)).toEqual(events.map((e) => e.at));
    expect(rater.map((e) => e.kind)).toEqual([
      "created",
      "sent",
      "result",
      "desk",
      "desk",
      "fix_rated",
    ]);
    for (const e of rater) expect(desk.map((d) => d.at)).toContain(e.at);
  });

  test("the rater never learns who acted, nor the offices' own appeals, 督办 and 约谈", () => {
    const seen = JSON.stringify(raterTimeline(events));
    expect(seen).not.toMatch(/台城街道管理员|市政务服务数据管理局|请尽快办结|interviewed/);
    expect(deskTimeline(events).find((e) => e.kind === "record")?.by).toBe("台城街道管理员");
  });

  test("a push not sent yet is on the desk, not on the rater's page", () => {
    const waiting: WorkOrderEvent[] = [
      { kind: "created", at: 1 },
      { kind: "sent", at: 1, status: "pending", sentAt: null, attempts: 2, lastError: "timeout" },
    ];
    expect(deskTimeline(waiting)[1]).toMatchObject({
      title: "推送 12345 未成功（已试 2 次），稍后重试",
      lines: ["最近一次错误：timeout"],
    });
    expect(raterTimeline(waiting).map((e) => e.kind)).toEqual(["created"]);
  });
});
