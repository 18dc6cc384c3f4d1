import { describe, expect, test } from "vitest";

import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { badlyRated, serviceBadlyRated } from "@/tests/workorder-fixtures";

import { ZWorkOrderCreated } from "./webhook.schema";
import { workOrderBody } from "./workorder-body";
import { orderBasis } from "./workorders.rules";

const fresh = perTestDeps();

describe("why an order opened (SPEC §9, article 6: every 不满意 verified)", () => {
  test.each([
    [
      "总体评价 满意, 服务态度 非常不满意",
      "satisfied",
      [["svc.attitude", "very_unsatisfied"]],
      "service",
    ],
    ["总体评价 基本满意, 服务能力 不满意", "basic", [["svc.ability", "unsatisfied"]], "service"],
    [
      "总体评价 不满意 with 服务态度 不满意 too",
      "unsatisfied",
      [["svc.attitude", "unsatisfied"]],
      "overall",
    ],
    ["总体评价 非常不满意 alone", "very_unsatisfied", [], "overall"],
    [
      "总体评价 满意, a business indicator 不满意",
      "satisfied",
      [["biz.venue", "unsatisfied"]],
      "overall",
    ],
    [
      "a receipt-stage rating (no 总体评价: its level is the service part's)",
      null,
      [["svc.attitude", "unsatisfied"]],
      "overall",
    ],
  ] as const)("%s → %s", (_, overall, parts, basis) => {
    const scores = [
      ...(overall ? [{ indicatorCode: "overall", level: overall }] : []),
      ...parts.map(([indicatorCode, level]) => ({ indicatorCode, level })),
    ];
    expect(orderBasis(overall, scores)).toBe(basis);
  });

  test("the W11 rating 满意 + 服务态度 非常不满意 opens exactly one order marked 服务评价差评; 差评工单 counts it, badRate does not; the webhook says basis service", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const service = await serviceBadlyRated(deps);
    const overall = await badlyRated(deps, "W11");
    expect(service.orders).toHaveLength(1);
    expect(service.orders[0]).toMatchObject({ basis: "service", status: "open" });
    const admin = await callerFor(deps, "admin-440781101");
    const rows = (await admin.workOrders.list({ limit: 50 })).rows;
    expect(new Map(rows.map((r) => [r.id, r.basis]))).toEqual(
      new Map([
        [service.workOrderId, "service"],
        [overall.workOrderId, "overall"],
      ]),
    );
    expect((await admin.workOrders.detail({ id: service.workOrderId })).basis).toBe("service");
    // article 23: the order counts among 差评工单; the rating's level (满意) keeps it out of badRate
    const totals = (
      await admin.stats.query({ from: "2026-03-02", to: "2026-03-02", groupBy: "org" })
    ).totals;
    expect(totals).toMatchObject({
      ratings: 2,
      workOrders: { opened: 2 },
      levels: { satisfied: 1, unsatisfied: 1 },
      badRate: 0.5,
    });
    // 12345 is told why (SPEC §6 `work_order.created`)
    const bodies = await Promise.all(
      [service.workOrderId, overall.workOrderId].map((id) => workOrderBody(deps, id)),
    );
    expect(bodies.map((b) => b.basis)).toEqual(["service", "overall"]);
    for (const b of bodies)
      expect(ZWorkOrderCreated.parse(JSON.parse(JSON.stringify(b)))).toMatchObject({
        basis: b.basis,
      });
  });
});
