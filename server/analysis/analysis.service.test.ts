import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditLog } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { badlyRated, PLACES } from "@/tests/workorder-fixtures";

import { scopeOf } from "../access/scope";
import type { Deps } from "../deps";
import { submitRating } from "../ratings/ratings.service";
import { alertsFor } from "./analysis.service";

const fresh = perTestDeps();
const TIME = "overall.unsatisfied.1"; // 无理由超过法定办理时间
const RULES = "overall.unsatisfied.2"; // 在办事指南之外增加新的审批条件
const PAPERS = "overall.unsatisfied.3"; // 需提供办事指南之外的申报材料

async function ratedWell(deps: Deps, place: keyof typeof PLACES) {
  const c = await completedCase(deps, { case: PLACES[place] });
  await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: `good-${c.serialNo}`,
      stage: "completion",
      scores: [{ indicatorCode: "overall", level: "very_satisfied", tagCodes: [] }],
    },
  );
}

describe("concentrated complaints", () => {
  test("tags and items ranked, the item's share of its ratings, keywords of the reasons without any number, the alert", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    await badlyRated(deps, "W21", {
      tag: PAPERS,
      text: "窗口工作人员态度很差，材料一次说不清，跑了三趟",
    });
    await badlyRated(deps, "W21", {
      tag: PAPERS,
      text: "材料清单没有一次性告知，来回跑了好几趟，电话13902221234一直没人接",
    });
    await badlyRated(deps, "W21", {
      tag: PAPERS,
      text: "身份证号440781195803120027X的材料被退回，态度冷淡",
    });
    await badlyRated(deps, "W21", { tag: TIME, text: "办理时间太长，超过承诺时限" });
    await ratedWell(deps, "W21");
    const admin = await callerFor(deps, "admin-440781102");
    const a = await admin.analysis.summary({});
    expect(a).toMatchObject({
      from: "2026-02-01",
      to: "2026-03-02",
      badCount: 4,
      reasonCount: 4,
      thresholds: { alertCount: 3, alertDays: 30 },
    });
    expect(a.tags).toEqual([
      { code: PAPERS, text: "需提供办事指南之外的申报材料", indicator: "总体评价", count: 3 },
      { code: TIME, text: "无理由超过法定办理时间", indicator: "总体评价", count: 1 },
    ]);
    expect(a.items).toEqual([
      {
        code: "ITEM-0201",
        name: expect.any(String) as string,
        badCount: 4,
        ratings: 5,
        share: 0.8,
      },
    ]);
    expect(a.keywords[0]).toMatchObject({ word: "材料", reasons: 3 });
    expect(a.keywords[1]).toMatchObject({ word: "态度", reasons: 2 });
    expect(a.keywords.map((k) => k.word)).toEqual(
      expect.arrayContaining(["没人接", "时限", "冷淡"]),
    );
    expect(JSON.stringify(a.keywords)).not.toMatch(/"word":"[^"]*[0-9０-９xX]/);
    expect(a.alerts).toEqual([
      {
        itemCode: "ITEM-0201",
        itemName: a.items[0]!.name,
        tagCode: PAPERS,
        tagText: "需提供办事指南之外的申报材料",
        count: 3,
        firstAt: expect.any(Number) as number,
        lastAt: expect.any(Number) as number,
      },
    ]);
    // a period without 差评 is empty, not an error; a reversed one is refused
    expect(await admin.analysis.summary({ from: "2026-01-01", to: "2026-01-31" })).toMatchObject({
      badCount: 0,
      tags: [],
      items: [],
      keywords: [],
      alerts: [],
    });
    await expect(
      admin.analysis.summary({ from: "2026-03-02", to: "2026-03-01" }),
    ).rejects.toMatchObject({ message: "开始日期不能晚于结束日期" });
  });

  test("the alert at the threshold and below it, after the bureau moves it (audited), and once the days have passed", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const admin = await callerFor(deps, "admin-440781102");
    await badlyRated(deps, "W21", { tag: TIME, text: "超过时限" });
    clock.advance(86400_000);
    await badlyRated(deps, "W21", { tag: TIME, text: "等了很久" });
    expect(await admin.analysis.alerts()).toEqual([]);
    clock.advance(86400_000);
    await badlyRated(deps, "W21", { tag: TIME, text: "一直拖着不办" });
    const [alert] = await admin.analysis.alerts();
    expect(alert).toMatchObject({
      itemCode: "ITEM-0201",
      tagCode: TIME,
      tagText: "无理由超过法定办理时间",
      count: 3,
    });
    expect(alert!.lastAt - alert!.firstAt).toBe(2 * 86400_000);

    // only the bureau moves the thresholds
    await expect(
      admin.analysis.setThresholds({ alertCount: 4, alertDays: 30 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bureau = await callerFor(deps, "bureau");
    expect(await bureau.analysis.setThresholds({ alertCount: 4, alertDays: 30 })).toEqual({
      alertCount: 4,
      alertDays: 30,
    });
    expect(await admin.analysis.alerts()).toEqual([]);
    expect(await admin.analysis.thresholds()).toEqual({ alertCount: 4, alertDays: 30 });
    await expect(
      bureau.analysis.setThresholds({ alertCount: 1, alertDays: 30 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const changes = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "settings.change"));
    expect(changes.map((c) => [c.target, JSON.parse(c.detail!) as unknown])).toEqual([
      ["setting:analysis.alertCount", { before: 3, after: 4 }],
      ["setting:analysis.alertDays", { before: 30, after: 30 }],
    ]);

    // back to 3 within 2 days: the three are 2 days apart, so only a 3-day span holds them
    await bureau.analysis.setThresholds({ alertCount: 3, alertDays: 2 });
    expect(await admin.analysis.alerts()).toEqual([]);
    await bureau.analysis.setThresholds({ alertCount: 3, alertDays: 3 });
    expect(await admin.analysis.alerts()).toHaveLength(1);
    // a month later the three are out of the window
    clock.advance(30 * 86400_000);
    expect(
      await alertsFor({
        deps,
        scope: await scopeOf(deps.database.db, { role: "bureau", orgId: null }),
      }),
    ).toEqual([]);
  });

  test("scope: 大江镇's admin never sees 台城街道's tags, items, keywords or alerts; 台城街道's admin and the bureau do; staff are refused", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    for (let i = 0; i < 3; i++)
      await badlyRated(deps, "W11", { tag: RULES, text: "台城窗口要求额外证明，电话没人接" });
    await badlyRated(deps, "W21", { tag: TIME, text: "排队时间太长" });

    const dajiang = await callerFor(deps, "admin-440781102");
    const a = await dajiang.analysis.summary({});
    expect(a.badCount).toBe(1);
    expect(a.tags.map((t) => t.code)).toEqual([TIME]);
    expect(a.items.map((i) => i.code)).toEqual(["ITEM-0201"]);
    expect(a.keywords.map((k) => k.word)).not.toEqual(expect.arrayContaining(["证明"]));
    expect(
      a.keywords
        .map((k) => k.word)
        .filter((w) => ["台城", "证明", "额外", "没人接", "电话"].includes(w)),
    ).toEqual([]);
    expect(a.alerts).toEqual([]);
    expect(await dajiang.analysis.alerts()).toEqual([]);

    const taicheng = await callerFor(deps, "admin-440781101");
    const t = await taicheng.analysis.summary({});
    expect(t.items.map((i) => i.code)).toEqual(["ITEM-0101"]);
    expect(t.keywords.map((k) => k.word)).toEqual(expect.arrayContaining(["证明", "没人接"]));
    expect(await taicheng.analysis.alerts()).toMatchObject([
      { itemCode: "ITEM-0101", tagCode: RULES, count: 3 },
    ]);

    const bureau = await callerFor(deps, "bureau");
    expect((await bureau.analysis.summary({})).items.map((i) => i.code)).toEqual([
      "ITEM-0101",
      "ITEM-0201",
    ]);
    const staff = await callerFor(deps, "TS1201");
    await expect(staff.analysis.summary({})).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "无权访问",
    });
    await expect(staff.analysis.alerts()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
