import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditLog } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { badlyRated, PLACES, serviceBadlyRated } from "@/tests/workorder-fixtures";

import type { Deps } from "../deps";
import { appendToRating } from "../ratings/appended.service";
import { submitRating } from "../ratings/ratings.service";

const fresh = perTestDeps();

/** A W-place case rated well (满意, 服务态度 非常满意): no work order. */
async function ratedWell(deps: Deps, place: keyof typeof PLACES) {
  const c = await completedCase(deps, { case: PLACES[place] });
  const r = await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: `good-${c.serialNo}`,
      stage: "completion",
      scores: [
        { indicatorCode: "overall", level: "satisfied", tagCodes: [] },
        { indicatorCode: "svc.attitude", level: "very_satisfied", tagCodes: [] },
      ],
    },
  );
  return { ...c, ratingId: r.ratingId };
}

describe("评价记录 (SPEC §7 /admin/ratings)", () => {
  test("scope: 大江镇's admin lists only 大江镇's ratings; 台城街道's rating is not found to every procedure; window staff are refused", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const taicheng = await serviceBadlyRated(deps, "W11");
    clock.advance(60_000);
    const dajiang = await ratedWell(deps, "W21");
    const admin = await callerFor(deps, "admin-440781102");
    expect((await admin.ratingDesk.list({})).rows.map((r) => r.id)).toEqual([dajiang.ratingId]);
    expect((await admin.ratingDesk.list({ org: "440781101" })).rows).toEqual([]);
    expect((await admin.ratingDesk.list({ serial: taicheng.serialNo })).rows).toEqual([]);
    const notFound = { code: "NOT_FOUND", message: "找不到这条评价" };
    await expect(admin.ratingDesk.detail({ id: taicheng.ratingId })).rejects.toMatchObject(
      notFound,
    );
    await expect(
      admin.ratingDesk.reveal({ id: taicheng.ratingId, reason: "回访需要联系申请人" }),
    ).rejects.toMatchObject(notFound);
    expect(
      await deps.database.db.select().from(auditLog).where(eq(auditLog.action, "pii.reveal")),
    ).toEqual([]);
    // the bureau and the city's admin see both, newest first
    for (const login of ["bureau", "admin-440781"]) {
      const all = await callerFor(deps, login);
      expect((await all.ratingDesk.list({})).rows.map((r) => r.id)).toEqual([
        dajiang.ratingId,
        taicheng.ratingId,
      ]);
    }
    const staff = await callerFor(deps, "TS1101");
    await expect(staff.ratingDesk.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.ratingDesk.detail({ id: taicheng.ratingId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(staff.catalog.picks()).rejects.toMatchObject({ code: "FORBIDDEN" });
    // what 大江镇 may pick by name is 大江镇's
    const picks = await admin.catalog.picks();
    expect(picks.windows.map((w) => w.code)).toEqual(["W21"]);
    expect(picks.staff).toEqual([{ code: "TS1201", name: "伍强 · W21" }]);
  });

  test("each row names the case and links its order; the filters narrow; pages run newest first, each rating once", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const svc = await serviceBadlyRated(deps, "W11");
    clock.advance(60_000);
    const bad = await badlyRated(deps, "W11");
    clock.advance(60_000);
    const good = await ratedWell(deps, "W11");
    clock.advance(60_000);
    const elsewhere = await ratedWell(deps, "W01");
    clock.advance(60_000);
    await appendToRating(deps, [good.applicantId], {
      ratingId: good.ratingId,
      text: "补充：窗口很耐心",
    });
    const admin = await callerFor(deps, "admin-440781101");
    const ids = async (q: Record<string, string>) =>
      (await admin.ratingDesk.list(q)).rows.map((r) => r.id);
    const all = (await admin.ratingDesk.list({})).rows;
    expect(all.map((r) => r.id)).toEqual([good.ratingId, bad.ratingId, svc.ratingId]);
    expect(all[2]).toMatchObject({
      serialNo: svc.serialNo,
      itemName: "居住证签注",
      windowCode: "W11",
      staffName: "黄丽",
      level: "satisfied",
      serviceLevel: "very_unsatisfied",
      workOrderId: svc.workOrderId,
      workOrderBasis: "service",
      rater: "黄*英",
    });
    expect(all[0]).toMatchObject({ appended: true, workOrderId: null });
    expect(await ids({ level: "unsatisfied" })).toEqual([bad.ratingId]);
    expect(await ids({ service: "very_unsatisfied" })).toEqual([svc.ratingId]);
    expect(await ids({ service: "very_satisfied" })).toEqual([good.ratingId]);
    expect(await ids({ appended: "yes" })).toEqual([good.ratingId]);
    expect(await ids({ appended: "no", level: "satisfied" })).toEqual([svc.ratingId]);
    expect(await ids({ serial: bad.serialNo })).toEqual([bad.ratingId]);
    expect(
      await ids({
        staff: "TS1101",
        window: "W11",
        item: "ITEM-0101",
        from: "2026-03-02",
        to: "2026-03-02",
      }),
    ).toHaveLength(3);
    expect(await ids({ staff: "TS0001" })).toEqual([]);
    expect(await ids({ defaulted: "yes" })).toEqual([]);
    expect(await ids({ notAdopted: "yes" })).toEqual([]);
    expect(await ids({ channel: "qr" })).toHaveLength(3);
    expect(await ids({ from: "2026-03-03" })).toEqual([]);
    // keyset: one at a time, newest first, each once
    const bureau = await callerFor(deps, "bureau");
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await bureau.ratingDesk.list({ limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual([elsewhere.ratingId, good.ratingId, bad.ratingId, svc.ratingId]);
  });

  test("bad input is a clear refusal (BAD_REQUEST), never a 500", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const admin = await callerFor(deps, "admin-440781101");
    for (const [q, message] of [
      [{ after: "not-a-cursor" }, "翻页参数无效，请回到第一页"],
      [{ from: "2026/03/01" }, "日期格式应为 YYYY-MM-DD"],
      [{ org: "台城街道" }, "单位应为编码（字母、数字和连字符）"],
      [{ level: "great" }, "总体评价等级无效"],
      [{ from: "2026-03-05", to: "2026-03-01" }, "起始日期不能晚于截止日期"],
    ] as const)
      await expect(admin.ratingDesk.list(q)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(message) as string,
      });
  });

  test("the rating's page: parts, case, staff, rater masked, its order marked 服务评价差评; 查看完整信息 is audited", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const svc = await serviceBadlyRated(deps, "W11");
    const admin = await callerFor(deps, "admin-440781101");
    const r = await admin.ratingDesk.detail({ id: svc.ratingId });
    expect(r).toMatchObject({
      stage: "completion",
      channel: "qr",
      level: "satisfied",
      serviceLevel: "very_unsatisfied",
      case: { serialNo: svc.serialNo, itemCode: "ITEM-0101" },
      window: { code: "W11" },
      staff: { staffNo: "TS1101", name: "黄丽" },
      rater: { consent: false, name: "黄*英" },
      workOrder: {
        id: svc.workOrderId,
        basis: "service",
        basisWord: "服务评价差评",
        status: "open",
      },
      appeals: [],
    });
    expect(r.rater.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(r.scores.find((s) => s.indicatorCode === "svc.attitude")).toMatchObject({
      level: "very_unsatisfied",
      text: "窗口人员说话不耐烦",
    });
    // the appeal form can be filled for it: its service part is 差评 and not appealed yet
    expect(
      (await admin.appeals.rating({ ratingId: svc.ratingId })).appealable.length,
    ).toBeGreaterThan(0);
    const shown = await admin.ratingDesk.reveal({ id: svc.ratingId, reason: "回访需要联系申请人" });
    expect(shown.name).toBe(svc.event.case.applicant.name);
    const [row] = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "pii.reveal"));
    expect(row).toMatchObject({ target: `rating:${svc.ratingId}` });
    expect(deps.pii.decrypt(row!.reasonEnc!)).toBe("回访需要联系申请人");
  });
});
