import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditLog, misconductMarks, workOrderRecords, workOrders } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { badlyRated } from "@/tests/workorder-fixtures";

import { getCaseView } from "../cases/cases.service";
import { recordWorkOrderResult } from "../hotline/hotline.service";
import { appendToRating } from "../ratings/appended.service";
import { rateFix } from "./fix.service";

const fresh = perTestDeps();

describe("the work-order desk", () => {
  test("scope: 大江镇's admin never reads, records, closes, reveals or marks 台城街道's order — every procedure answers not-found", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const taicheng = await badlyRated(deps, "W11");
    const dajiang = await badlyRated(deps, "W21");
    const admin = await callerFor(deps, "admin-440781102");
    const ids = (await admin.workOrders.list({ limit: 50 })).rows.map((r) => r.id);
    expect(ids).toEqual([dajiang.workOrderId]);
    expect((await admin.workOrders.list({ org: "440781101", limit: 50 })).rows).toEqual([]);
    const id = taicheng.workOrderId;
    const notFound = { code: "NOT_FOUND", message: "找不到这个工单" };
    await expect(admin.workOrders.detail({ id })).rejects.toMatchObject(notFound);
    await expect(
      admin.workOrders.record({ id, visitText: "回访", verified: true, interviewed: false }),
    ).rejects.toMatchObject(notFound);
    await expect(admin.workOrders.close({ id })).rejects.toMatchObject(notFound);
    await expect(
      admin.workOrders.reveal({ id, reason: "回访需要联系申请人" }),
    ).rejects.toMatchObject(notFound);
    await expect(
      admin.workOrders.mark({ targetKind: "work_order", targetId: id, note: "疑似收受好处" }),
    ).rejects.toMatchObject(notFound);
    await expect(admin.workOrders.misconduct()).rejects.toMatchObject({ code: "FORBIDDEN" });
    // nothing was written for the other scope's order
    expect(await deps.database.db.select().from(workOrderRecords)).toEqual([]);
    expect(await deps.database.db.select().from(misconductMarks)).toEqual([]);
    // the city's admin sees both (台山市 and every org below it); the bureau sees all
    const city = await callerFor(deps, "admin-440781");
    expect((await city.workOrders.list({ limit: 50 })).rows.map((r) => r.id).sort()).toEqual(
      [taicheng.workOrderId, dajiang.workOrderId].sort(),
    );
    const bureau = await callerFor(deps, "bureau");
    expect((await bureau.workOrders.detail({ id })).case?.serialNo).toBe(taicheng.serialNo);
  });

  test("a window staff account is refused every desk procedure (无权访问)", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const { workOrderId: id } = await badlyRated(deps, "W11");
    const staff = await callerFor(deps, "TS1101");
    const forbidden = { code: "FORBIDDEN", message: "无权访问" };
    await expect(staff.workOrders.list({ limit: 50 })).rejects.toMatchObject(forbidden);
    await expect(staff.workOrders.detail({ id })).rejects.toMatchObject(forbidden);
    await expect(staff.workOrders.close({ id })).rejects.toMatchObject(forbidden);
  });

  test("the closed loop: revisit (属实), 整改措施, 办结 — refused before the revisit; append-only; the case API shows it closed", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const wo = await badlyRated(deps, "W11");
    const admin = await callerFor(deps, "admin-440781101");
    const id = wo.workOrderId;
    await expect(admin.workOrders.close({ id })).rejects.toMatchObject({
      message: "还没有回访记录：请先记录回访情况和核实结果，再办结工单",
    });
    clock.advance(3600_000);
    expect(
      await admin.workOrders.record({
        id,
        visitText: "已电话回访申请人，情况属实",
        verified: true,
        interviewed: false,
      }),
    ).toEqual({ status: "visited" });
    await expect(admin.workOrders.close({ id })).rejects.toMatchObject({
      message: "核实属实的差评须先填写整改措施，再办结工单",
    });
    clock.advance(3600_000);
    expect(
      await admin.workOrders.record({
        id,
        measures: "对窗口人员进行服务规范培训，一次性告知材料清单",
        interviewed: true,
      }),
    ).toEqual({
      status: "rectified",
    });
    clock.advance(3600_000);
    expect(await admin.workOrders.close({ id })).toEqual({ status: "closed" });
    await expect(
      admin.workOrders.record({ id, visitText: "补充", verified: true, interviewed: false }),
    ).rejects.toMatchObject({
      message: "工单已结束（已办结），不能再添加记录",
    });
    const detail = await admin.workOrders.detail({ id });
    expect(detail.timeline.map((e) => e.title)).toEqual([
      "差评生成工单",
      "等待推送 12345 热线",
      "回访记录",
      "回访记录",
      "办结工单",
    ]);
    expect(detail.timeline[2]?.lines).toEqual([
      "回访情况：已电话回访申请人，情况属实",
      "核实结果：属实",
    ]);
    expect(detail.rating.scores[0]).toMatchObject({
      indicator: "总体评价",
      level: "unsatisfied",
      tags: ["无理由超过法定办理时间"],
      text: "窗口人员态度冷淡，材料清单讲得不清楚",
    });
    const view = await getCaseView(deps.database.db, wo.serialNo, clock.now());
    expect(view.workOrders).toEqual([
      { id, status: "closed", dueAt: new Date(detail.dueAt).toISOString(), overdue: false },
    ]);
    const actions = (await deps.database.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(["work_order.record", "work_order.record", "work_order.close"]);
  });

  test("办结工单 saves what the form holds, then closes; it refuses only what is still missing, and then writes nothing", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const admin = await callerFor(deps, "admin-440781101");
    const { workOrderId: id } = await badlyRated(deps, "W11");
    // 属实 without 整改措施: the one thing missing is named, and neither record nor close is written
    await expect(
      admin.workOrders.close({ id, visitText: "已电话回访，情况属实", verified: true }),
    ).rejects.toMatchObject({
      message: "核实属实的差评须先填写整改措施，再办结工单",
    });
    expect(
      await deps.database.db
        .select()
        .from(workOrderRecords)
        .where(eq(workOrderRecords.workOrderId, id)),
    ).toEqual([]);
    // the whole form at once: 回访情况, 属实, 整改措施 — saved, then closed
    expect(
      await admin.workOrders.close({
        id,
        visitText: "已电话回访，情况属实",
        verified: true,
        measures: "窗口服务规范培训",
        interviewed: true,
      }),
    ).toEqual({
      status: "closed",
    });
    const timeline = (await admin.workOrders.detail({ id })).timeline.filter(
      (e) => e.kind === "record" || e.kind === "close",
    );
    expect(timeline.map((e) => e.title)).toEqual(["回访记录", "办结工单"]);
    expect(timeline[0]?.lines).toEqual([
      "回访情况：已电话回访，情况属实",
      "核实结果：属实",
      "整改措施：窗口服务规范培训",
      "已约谈责任人",
    ]);
    // a 不属实 revisit alone closes too
    const other = await badlyRated(deps, "W11");
    expect(
      await admin.workOrders.close({
        id: other.workOrderId,
        visitText: "回访后核实不属实",
        verified: false,
      }),
    ).toEqual({ status: "closed" });
  });

  test("12345's results and the desk's records make one timeline; a 12345 revisit lets the desk close", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const { workOrderId: id } = await badlyRated(deps, "W21");
    clock.advance(60_000);
    await recordWorkOrderResult(deps, "hotline", id, {
      resultId: "r-1",
      occurredAt: "2026-03-02T11:00:00+08:00",
      status: "visited",
      verified: false,
      text: "回访申请人，反映情况不属实",
    });
    const admin = await callerFor(deps, "admin-440781102");
    const detail = await admin.workOrders.detail({ id });
    expect(detail.timeline.map((e) => e.title)).toEqual([
      "差评生成工单",
      "等待推送 12345 热线",
      "12345 反馈：已回访",
    ]);
    expect(await admin.workOrders.close({ id })).toEqual({ status: "closed" });
  });

  test("the rater's side in the desk's timeline: the 追加评价 beside the rating, the fix rated 不满意 and the reopening", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const wo = await badlyRated(deps, "W11");
    const [order] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, wo.workOrderId));
    const admin = await callerFor(deps, "admin-440781101");
    const id = wo.workOrderId;
    clock.advance(60_000);
    await appendToRating(deps, [wo.applicantId], {
      ratingId: order!.ratingId,
      level: "very_unsatisfied",
      text: "第二次去还是没有一次性告知",
    });
    clock.advance(60_000);
    await admin.workOrders.record({
      id,
      visitText: "已回访",
      verified: true,
      interviewed: false,
      measures: "培训窗口人员",
    });
    await admin.workOrders.close({ id });
    clock.advance(60_000);
    expect(
      await rateFix(deps, [wo.applicantId], { workOrderId: id, level: "unsatisfied" }),
    ).toMatchObject({ reopened: true });
    const detail = await admin.workOrders.detail({ id });
    expect(detail.appended).toMatchObject({
      level: "very_unsatisfied",
      text: "第二次去还是没有一次性告知",
      bad: true,
    });
    expect(detail.timeline.map((e) => e.title)).toEqual([
      "差评生成工单",
      "等待推送 12345 热线",
      "评价人追加评价：非常不满意",
      "回访记录",
      "办结工单",
      "评价人评价整改结果：不满意",
    ]);
    expect(detail.timeline.at(-1)).toMatchObject({
      kind: "fix",
      by: "评价人",
      lines: ["工单已重新打开，办结期限重新计算 10 个工作日"],
    });
    expect(detail.ended).toBe(false);
  });

  test("the rater is masked unless they agreed to be contacted; 查看完整信息 reveals with the reason audited (sealed)", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const masked = await badlyRated(deps, "W11");
    const agreed = await badlyRated(deps, "W11", { contactConsent: true });
    const admin = await callerFor(deps, "admin-440781101");
    expect((await admin.workOrders.detail({ id: masked.workOrderId })).rater).toEqual({
      consent: false,
      name: "黄*英",
      phone: "139****1234",
    });
    expect((await admin.workOrders.detail({ id: agreed.workOrderId })).rater).toEqual({
      consent: true,
      name: "黄*英",
      phone: "13902221234",
    });
    await expect(
      admin.workOrders.reveal({ id: masked.workOrderId, reason: "" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await admin.workOrders.reveal({ id: masked.workOrderId, reason: "回访核实需要联系申请人" }),
    ).toEqual({ name: "黄秀英", phone: "13902221234" });
    const [row] = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "pii.reveal"));
    expect(row).toMatchObject({
      target: `work_order:${masked.workOrderId}`,
      actorName: "台城街道管理员",
    });
    expect(row?.reasonEnc).not.toContain("回访");
    expect(deps.pii.decrypt(row!.reasonEnc!)).toBe("回访核实需要联系申请人");
  });

  test("article 25: an org admin marks an order of their scope; only the bureau reads the list", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const { workOrderId } = await badlyRated(deps, "W11");
    const admin = await callerFor(deps, "admin-440781101");
    await admin.workOrders.mark({
      targetKind: "work_order",
      targetId: workOrderId,
      note: "申请人反映窗口人员索要好处费",
    });
    await expect(admin.workOrders.misconduct()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const list = await (await callerFor(deps, "bureau")).workOrders.misconduct();
    expect(list).toEqual([
      expect.objectContaining({
        targetKind: "work_order",
        targetId: workOrderId,
        note: "申请人反映窗口人员索要好处费",
        by: "台城街道管理员",
      }),
    ]);
    const [audit] = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "misconduct.mark"));
    expect(audit?.target).toBe(`work_order:${workOrderId}`);
  });

  test("the list: open orders first by deadline (overdue lead), then ended; keyset pages cover every order once; filters", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(await badlyRated(deps, i % 2 ? "W11" : "W21"));
      clock.advance(24 * 3600_000);
    }
    const bureau = await callerFor(deps, "bureau");
    await bureau.workOrders.record({
      id: made[0]!.workOrderId,
      visitText: "已回访",
      verified: false,
      interviewed: false,
    });
    await bureau.workOrders.close({ id: made[0]!.workOrderId });
    clock.set("2026-03-19T10:00:00+08:00"); // the first orders are past their 10 working days
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await bureau.workOrders.list({ limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made.slice(1).map((m) => m.workOrderId), made[0]!.workOrderId]);
    const all = (await bureau.workOrders.list({ limit: 50 })).rows;
    expect(all[0]).toMatchObject({
      overdue: true,
      status: "open",
      level: "unsatisfied",
      itemName: "居住证签注",
      windowCode: "W11",
      staffName: "黄丽",
    });
    expect(all.at(-1)).toMatchObject({ status: "closed", overdue: false });
    expect(
      (await bureau.workOrders.list({ status: "overdue", limit: 50 })).rows.every((r) => r.overdue),
    ).toBe(true);
    expect(
      (await bureau.workOrders.list({ window: "W11", limit: 50 })).rows.map((r) => r.windowCode),
    ).toEqual(["W11", "W11", "W11"]);
    expect(
      (await bureau.workOrders.list({ item: "ITEM-0201", status: "closed", limit: 50 })).rows,
    ).toHaveLength(1);
    await expect(bureau.workOrders.list({ after: "garbage", limit: 50 })).rejects.toMatchObject({
      message: "翻页参数无效，请回到第一页",
    });
  });
});
