import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { accounts, auditLog, outbox } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { serviceBadlyRated } from "@/tests/workorder-fixtures";

import { sendTaskSms } from "../jobs/tasks.job";
import { listSms } from "../outbox/outbox.service";

const fresh = perTestDeps();
const PHONES = { taicheng: "13900000101", dajiang: "13900000102", city: "13900000001" };

const counts = async (caller: Awaited<ReturnType<typeof callerFor>>) => {
  const t = await caller.tasks.list();
  return { count: t.count, ...Object.fromEntries(t.groups.map((g) => [g.kind, g.count])) };
};

describe("待办 and 督办 (SPEC §9, articles 5 and 21)", () => {
  test("counts before and after a new order, a 督办, due within 2 working days and overdue; one SMS each to the opted-in handlers, none twice, none with PII, none at night; 大江镇 sees none of 台城街道's", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const taicheng = await callerFor(deps, "admin-440781101");
    const dajiang = await callerFor(deps, "admin-440781102");
    const city = await callerFor(deps, "admin-440781");
    const bureau = await callerFor(deps, "bureau");
    await taicheng.tasks.setPhone({ phone: PHONES.taicheng, taskSms: true });
    await dajiang.tasks.setPhone({ phone: PHONES.dajiang, taskSms: true });
    await city.tasks.setPhone({ phone: PHONES.city, taskSms: true });
    expect(await counts(taicheng)).toEqual({ count: 0, supervise: 0, overdue: 0, due: 0, new: 0 });

    // a new order of 台城街道 (the W11 rating: 满意 overall, 服务态度 非常不满意)
    const order = await serviceBadlyRated(deps, "W11");
    expect(await counts(taicheng)).toMatchObject({ count: 1, new: 1 });
    expect(
      (await taicheng.tasks.list()).groups.find((g) => g.kind === "new")?.items[0],
    ).toMatchObject({
      id: order.workOrderId,
      serialNo: order.serialNo,
      basis: "service",
    });
    expect(await sendTaskSms(deps)).toBe(1);
    expect(await sendTaskSms(deps)).toBe(0);

    // 督办: the bureau presses 台城街道; its timeline, its 待办, one SMS; audited; only the bureau may
    await expect(
      taicheng.tasks.supervise({ workOrderId: order.workOrderId, note: "请尽快回访" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      bureau.tasks.supervise({ workOrderId: order.workOrderId, note: "短" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    clock.advance(3600_000);
    await bureau.tasks.supervise({
      workOrderId: order.workOrderId,
      note: "请本周内完成回访并报送整改情况",
    });
    expect(await counts(taicheng)).toMatchObject({ count: 2, new: 1, supervise: 1 });
    const timeline = (await taicheng.workOrders.detail({ id: order.workOrderId })).timeline;
    expect(timeline.at(-1)).toMatchObject({
      kind: "supervise",
      title: "督办",
      lines: ["请本周内完成回访并报送整改情况"],
    });
    expect(
      (
        await deps.database.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, "work_order.supervise"))
      ).length,
    ).toBe(1);
    expect(await sendTaskSms(deps)).toBe(1);
    // the 通报 of the month counts 督办 per unit
    const report = await bureau.reports.report({ from: "2026-03-01", to: "2026-03-31" });
    expect(report.units.map((u) => [u.key, u.supervised])).toEqual([["440781101", 1]]);

    // Thursday: due at 24:00 of Monday 16 March, within 2 working days
    clock.set("2026-03-11T10:00:00+08:00");
    expect(await counts(taicheng)).toMatchObject({ due: 0, new: 1 });
    clock.set("2026-03-12T10:00:00+08:00");
    expect(await counts(taicheng)).toMatchObject({ count: 2, due: 1, new: 0, supervise: 1 });
    expect(await sendTaskSms(deps)).toBe(1);
    expect(await sendTaskSms(deps)).toBe(0);

    // overdue from 00:00 of the 17th: held through the quiet hours, sent at 08:00 to 台城街道's and 台山市's handlers
    clock.set("2026-03-17T07:59:00+08:00");
    expect(await counts(taicheng)).toMatchObject({ count: 2, overdue: 1, due: 0, supervise: 1 });
    expect(await counts(bureau)).toMatchObject({ count: 1, overdue: 1, appeal: 0 });
    expect(await sendTaskSms(deps)).toBe(0);
    clock.set("2026-03-17T08:00:00+08:00");
    expect(await sendTaskSms(deps)).toBe(2);
    expect(await sendTaskSms(deps)).toBe(0);

    // 大江镇's admin never saw any of it
    expect(await counts(dajiang)).toEqual({ count: 0, supervise: 0, overdue: 0, due: 0, new: 0 });
    expect(await listSms(deps, PHONES.dajiang)).toEqual([]);
    const toTaicheng = (await listSms(deps, PHONES.taicheng)).map((m) => m.text).reverse();
    expect(toTaicheng).toHaveLength(4);
    expect(toTaicheng[1]).toMatch(/^【台山好差评】督办：/);
    expect((await listSms(deps, PHONES.city)).map((m) => m.text)).toEqual([toTaicheng[3]]);
    for (const text of toTaicheng) {
      expect(text).toContain(order.serialNo);
      expect(text).toContain("居住证签注");
      expect(text).toContain("2026-03-16");
      expect(text).toContain(`http://hcp.test/admin/work-orders/${order.workOrderId}`);
      for (const pii of [
        order.event.case.applicant.name,
        order.event.case.applicant.phone,
        order.event.case.applicant.idNumber,
        "不耐烦",
        "请本周内",
      ])
        expect(text).not.toContain(pii);
    }
    const keys = (
      await deps.database.db
        .select({ key: outbox.dedupeKey })
        .from(outbox)
        .where(eq(outbox.channel, "sms"))
    ).map((r) => r.key.split(":")[1]);
    expect(keys.sort()).toEqual(
      ["due", "new", "overdue", "overdue", expect.any(String) as string].sort(),
    );
  });

  test("账号设置: the handler's phone is sealed, shown masked, audited without the number; bad input is a clear refusal", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const admin = await callerFor(deps, "admin-440781101");
    expect(await admin.tasks.phone()).toEqual({ phone: null, taskSms: false });
    await expect(admin.tasks.setPhone({ phone: "12345", taskSms: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("手机号应为 11 位数字") as string,
    });
    await expect(admin.tasks.setPhone({ phone: "", taskSms: true })).rejects.toMatchObject({
      message: expect.stringContaining("接收待办短信须先填写手机号") as string,
    });
    expect(await admin.tasks.setPhone({ phone: "13912345678", taskSms: true })).toEqual({
      phone: "139****5678",
      taskSms: true,
    });
    // an empty box keeps the number; only the opt-in changes
    expect(await admin.tasks.setPhone({ phone: "", taskSms: false, keep: true })).toEqual({
      phone: "139****5678",
      taskSms: false,
    });
    expect(await admin.tasks.phone()).toEqual({ phone: "139****5678", taskSms: false });
    const [row] = await deps.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.login, "admin-440781101"));
    expect(row!.phoneEnc).not.toContain("5678");
    expect(row!.phoneHash).toBe(deps.pii.blindIndex("phone", "13912345678"));
    const audits = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "account.task_phone"));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain("13912345678");
    expect(await admin.tasks.setPhone({ phone: "", taskSms: false })).toEqual({
      phone: null,
      taskSms: false,
    });
    const staff = await callerFor(deps, "TS1101");
    await expect(staff.tasks.phone()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.tasks.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
