import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { and, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import {
  appealDecisions,
  appealFiles,
  appeals,
  auditLog,
  ratings,
  staff,
  statsDaily,
  workOrders,
} from "@/db/schema";
import {
  adminCtxAs,
  callerAs,
  ensureOrgAdmin,
  OVERALL_BAD,
  PDF_BYTES,
  PNG_BYTES,
  ratedCase,
  SERVICE_BAD,
  sessionOf,
  taichengWindow,
  TOWN_ADMIN,
} from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import type { Deps } from "../deps";
import { sha256Hex } from "../files/files.service";
import { recordHotlineRating } from "../hotline/hotline.service";
import { verifyChain } from "../ratings/chain";
import { levelCounts } from "../stats/recount";
import { workOrderDetail } from "../workorders/desk.detail";
import { ARTICLE_22_REFUSAL } from "./appeals.rules";
import {
  appealableRating,
  decideAppeal,
  evidenceFile,
  fileAppeal,
  getAppeal,
  listAppeals,
  notAdoptedRatingIds,
} from "./appeals.service";

/** expect.stringContaining, typed (it returns any) */
const has = (text: string): unknown => expect.stringContaining(text);

const fresh = perTestDeps();
const setup = async () => {
  const made = await fresh("2026-03-02T10:00:00+08:00");
  const admin = await adminCtxAs(made.deps, "admin-440781");
  const bureau = await adminCtxAs(made.deps, "bureau");
  return { ...made, admin, bureau };
};
const png = (name = "录像截图.png") => ({ name, bytes: PNG_BYTES });
const form = (ratingId: string, o: Partial<{ indicatorCodes: string[]; reason: string }> = {}) => ({
  ratingId,
  indicatorCodes: ["svc.attitude"],
  reason: "监控录像显示工作人员态度正常，评价不实",
  ...o,
});
const counts = async (deps: Deps) => ({
  appeals: await deps.database.db.$count(appeals),
  files: await deps.database.db.$count(appealFiles),
});

describe("filing an appeal (article 22)", () => {
  test("an org admin appeals the service part with a PNG: stored by SHA-256 under the data folder, not in the database", async () => {
    const { deps, admin } = await setup();
    const r = await ratedCase(deps, SERVICE_BAD);
    const view = await appealableRating(admin, r.ratingId);
    expect(view).toMatchObject({
      appealable: ["svc.attitude", "svc.ability"],
      staffNo: "TS0001",
      existingAppealId: null,
    });
    const { appealId } = await fileAppeal(admin, form(r.ratingId), [
      png(),
      { name: "说明.pdf", bytes: PDF_BYTES },
    ]);
    const files = await deps.database.db
      .select()
      .from(appealFiles)
      .where(eq(appealFiles.appealId, appealId));
    expect(files.map((f) => f.mime)).toEqual(["image/png", "application/pdf"]);
    const path = join(deps.settings.filesDir, sha256Hex(PNG_BYTES));
    expect(files[0]!.sha256).toBe(sha256Hex(PNG_BYTES));
    expect(readFileSync(path)).toEqual(Buffer.from(PNG_BYTES));
    expect(JSON.stringify(files)).not.toContain("PNG\r");
    const served = await evidenceFile(admin, appealId, files[0]!.id);
    expect(served).toMatchObject({ name: "录像截图.png", mime: "image/png" });
    expect(Buffer.from(served.bytes)).toEqual(Buffer.from(PNG_BYTES));
    const [a] = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "appeal.file"));
    expect(a).toMatchObject({ actorId: admin.actor.id, target: `appeal:${appealId}` });
  });

  test("against 总体评价 or a business indicator: refused with article 22's words, nothing written", async () => {
    const { deps, admin } = await setup();
    const r = await ratedCase(deps, OVERALL_BAD);
    for (const codes of [["overall"], ["biz.place"], ["svc.attitude", "overall"]]) {
      await expect(
        fileAppeal(admin, form(r.ratingId, { indicatorCodes: codes }), [png()]),
      ).rejects.toMatchObject({
        code: "invalid",
        message: ARTICLE_22_REFUSAL,
      });
    }
    expect(await counts(deps)).toEqual({ appeals: 0, files: 0 });
  });

  test("a text file named .png is refused by its content; so is a PNG named .pdf, an empty list and six files", async () => {
    const { deps, admin } = await setup();
    const r = await ratedCase(deps, SERVICE_BAD);
    const text = new TextEncoder().encode("this is not a picture");
    await expect(
      fileAppeal(admin, form(r.ratingId), [{ name: "证据.png", bytes: text }]),
    ).rejects.toMatchObject({
      code: "invalid",
      message: "证明材料“证据.png”：文件内容不是 PDF、JPEG 或 PNG",
    });
    await expect(
      fileAppeal(admin, form(r.ratingId), [{ name: "证据.pdf", bytes: PNG_BYTES }]),
    ).rejects.toMatchObject({ message: has("内容却是 PNG") });
    await expect(fileAppeal(admin, form(r.ratingId), [])).rejects.toMatchObject({
      details: { field: "files" },
    });
    await expect(
      fileAppeal(
        admin,
        form(r.ratingId),
        Array.from({ length: 6 }, () => png()),
      ),
    ).rejects.toMatchObject({ details: { field: "files" } });
    expect(existsSync(join(deps.settings.filesDir, sha256Hex(text)))).toBe(false);
    expect(await counts(deps)).toEqual({ appeals: 0, files: 0 });
  });

  test("one appeal per rating part: a pending one blocks a second, a decided one is final", async () => {
    const { deps, admin, bureau } = await setup();
    const r = await ratedCase(deps, SERVICE_BAD);
    const { appealId } = await fileAppeal(admin, form(r.ratingId), [png()]);
    await expect(
      fileAppeal(admin, form(r.ratingId, { indicatorCodes: ["svc.ability"] }), [png()]),
    ).rejects.toMatchObject({
      code: "conflict",
      message: has("待决定"),
    });
    await decideAppeal(bureau, {
      appealId,
      outcome: "rejected",
      reason: "证据不足以证明评价不实",
    });
    await expect(fileAppeal(admin, form(r.ratingId), [png()])).rejects.toMatchObject({
      code: "conflict",
      message: has("最终"),
    });
    await expect(
      decideAppeal(bureau, { appealId, outcome: "adopted", reason: "改判" }),
    ).rejects.toMatchObject({
      code: "invalid",
      message: "这条申诉已经决定，决定不能更改",
    });
    expect(await deps.database.db.$count(appealDecisions)).toBe(1);
    // append-only in the database too
    await expect(
      deps.database.client.execute("update appeal_decisions set outcome = 'adopted'"),
    ).rejects.toThrow(/append-only/);
    await expect(deps.database.client.execute("delete from appeals")).rejects.toThrow(
      /append-only/,
    );
  });

  test("the bureau does not file and an org admin does not decide", async () => {
    const { deps, admin, bureau } = await setup();
    const r = await ratedCase(deps, SERVICE_BAD);
    await expect(fileAppeal(bureau, form(r.ratingId), [png()])).rejects.toMatchObject({
      code: "forbidden",
    });
    const { appealId } = await fileAppeal(admin, form(r.ratingId), [png()]);
    await expect(
      decideAppeal(admin, { appealId, outcome: "adopted", reason: "自己采纳" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await deps.database.db.$count(appealDecisions)).toBe(0);
  });
});

/** The staff's figures the way SPEC §9 counts them: service parts of the staff's ratings, a part 不予采纳 left out (in notAdopted). */
async function staffFigures(deps: Deps, staffNo: string) {
  const [s] = await deps.database.db
    .select({ id: staff.id })
    .from(staff)
    .where(eq(staff.staffNo, staffNo));
  const adopted = deps.database.db
    .select({ id: appealDecisions.ratingId })
    .from(appealDecisions)
    .where(eq(appealDecisions.outcome, "adopted"));
  const [row] = await deps.database.db
    .select({
      counted: sql<number>`count(*) filter (where ${ratings.id} not in ${adopted})`,
      bad: sql<number>`count(*) filter (where ${ratings.id} not in ${adopted} and exists (select 1 from json_each(${ratings.scores}) j where json_extract(j.value, '$.indicatorCode') like 'svc.%' and json_extract(j.value, '$.level') in ('unsatisfied', 'very_unsatisfied')))`,
      notAdopted: sql<number>`count(*) filter (where ${ratings.id} in ${adopted})`,
    })
    .from(ratings)
    .where(and(eq(ratings.staffId, s!.id), isNotNull(ratings.staffId)));
  return row!;
}

describe("deciding an appeal", () => {
  test("采纳: the rating stays (same row, chain intact) and shows 不予采纳; the staff's figures lose it; org figures and everything else stay", async () => {
    const { deps, admin, bureau } = await setup();
    const r = await ratedCase(deps, SERVICE_BAD);
    await ratedCase(deps, [
      { indicatorCode: "overall", level: "very_satisfied", tagCodes: [] },
      { indicatorCode: "svc.attitude", level: "very_satisfied", tagCodes: [] },
    ]);
    const period = {
      from: Date.parse("2026-03-01T00:00:00+08:00"),
      to: Date.parse("2026-04-01T00:00:00+08:00"),
    };
    const ratingsBefore = await deps.database.db.select().from(ratings);
    const orgBefore = await levelCounts(deps, period, { includeDefaults: true });
    expect(await staffFigures(deps, "TS0001")).toEqual({ counted: 2, bad: 1, notAdopted: 0 });
    const [woBefore] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.ratingId, r.ratingId));
    expect(woBefore?.status).toBe("open");

    const { appealId } = await fileAppeal(admin, form(r.ratingId), [png()]);
    const result = await decideAppeal(bureau, {
      appealId,
      outcome: "adopted",
      reason: "经人员管理单位确认，评价不实",
    });
    expect(result).toMatchObject({ outcome: "adopted", workOrder: woBefore!.id });

    expect(await staffFigures(deps, "TS0001")).toEqual({ counted: 1, bad: 0, notAdopted: 1 });
    expect(await deps.database.db.select().from(ratings)).toEqual(ratingsBefore);
    expect(await verifyChain(deps.database.db)).toMatchObject({ brokenAt: null });
    expect(await levelCounts(deps, period, { includeDefaults: true })).toEqual(orgBefore);
    expect(await notAdoptedRatingIds(deps.database.db, [r.ratingId])).toEqual(
      new Set([r.ratingId]),
    );
    const [wo] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.ratingId, r.ratingId));
    expect(wo?.status).toBe("not_adopted");
    const seen = await getAppeal(admin, appealId);
    expect(seen).toMatchObject({
      status: "adopted",
      decision: { outcome: "adopted", decidedByName: bureau.actor.name },
    });
    const [a] = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "appeal.decide"));
    expect(a).toMatchObject({ actorId: bureau.actor.id, target: `appeal:${appealId}` });
    expect(deps.pii.decrypt(a!.reasonEnc!)).toBe("经人员管理单位确认，评价不实");
  });

  test("a work order opened also by 总体评价 goes on after 采纳; 驳回 changes nothing", async () => {
    const { deps, admin, bureau } = await setup();
    const both = await ratedCase(deps, OVERALL_BAD);
    const one = await fileAppeal(admin, form(both.ratingId), [png()]);
    expect(
      (
        await decideAppeal(bureau, {
          appealId: one.appealId,
          outcome: "adopted",
          reason: "服务部分不实",
        })
      ).workOrder,
    ).toBeNull();
    const only = await ratedCase(deps, SERVICE_BAD);
    const two = await fileAppeal(admin, form(only.ratingId), [png()]);
    await decideAppeal(bureau, {
      appealId: two.appealId,
      outcome: "rejected",
      reason: "证据不足",
    });
    const statuses = await deps.database.db
      .select({ ratingId: workOrders.ratingId, status: workOrders.status })
      .from(workOrders);
    expect(statuses.map((s) => s.status)).toEqual(["open", "open"]);
    // the desk's timeline of each order tells the appeal and its outcome
    for (const [r, word] of [
      [both, "申诉采纳：服务评价不予采纳"],
      [only, "申诉驳回：评价保持有效"],
    ] as const) {
      const [wo] = await deps.database.db
        .select()
        .from(workOrders)
        .where(eq(workOrders.ratingId, r.ratingId));
      const detail = await workOrderDetail({ deps, scope: { all: true, orgIds: null } }, wo!.id);
      expect(
        detail.timeline
          .filter((e) => e.kind === "appeal" || e.kind === "appeal_decided")
          .map((e) => e.title),
      ).toEqual(["对服务评价提出申诉", word]);
    }
    expect(await notAdoptedRatingIds(deps.database.db, [both.ratingId, only.ratingId])).toEqual(
      new Set([both.ratingId]),
    );
  });
});

describe("scope: 大江镇's admin never sees 台城街道's appeals", () => {
  test("service and tRPC caller: not found, never forbidden; the list leaves them out", async () => {
    const { deps, bureau } = await setup();
    await ensureOrgAdmin(deps, TOWN_ADMIN);
    const town = await adminCtxAs(deps, TOWN_ADMIN.login);
    const where = await taichengWindow(deps);
    const r = await ratedCase(deps, SERVICE_BAD, where);
    // the city's admin (台城街道 is below the city) files it
    const { appealId } = await fileAppeal(
      await adminCtxAs(deps, "admin-440781"),
      form(r.ratingId),
      [png()],
    );
    const [file] = await deps.database.db.select().from(appealFiles);

    await expect(appealableRating(town, r.ratingId)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(fileAppeal(town, form(r.ratingId), [png()])).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getAppeal(town, appealId)).rejects.toMatchObject({ code: "not_found" });
    await expect(evidenceFile(town, appealId, file!.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await listAppeals(town)).toEqual([]);

    const caller = callerAs(deps, town.staff);
    await expect(caller.appeals.get({ id: appealId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.appeals.rating({ ratingId: r.ratingId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await caller.appeals.list({})).toEqual([]);
    await expect(
      caller.appeals.decide({ appealId, outcome: "adopted", reason: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // the bureau sees it; window staff are refused at the door
    expect((await callerAs(deps, bureau.staff).appeals.list({})).map((a) => a.id)).toEqual([
      appealId,
    ]);
    // SPEC §7: the list names the appeal's 办件流水号 and staff
    expect((await callerAs(deps, bureau.staff).appeals.list({}))[0]).toMatchObject({
      staffName: "黄志强",
      staffNo: "TC0001",
      serialNo: expect.stringMatching(/^TS/) as string,
    });
    await expect(
      callerAs(deps, await sessionOf(deps, "TS0001")).appeals.list({}),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(deps, null).appeals.list({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("a 12345 operator's rating", () => {
  test("the admin of the org that runs 12345 (a bureau setting, the city by default) appeals it; 大江镇's admin cannot see it", async () => {
    const { deps, admin, bureau } = await setup();
    const call = {
      callId: "call-appeal-1",
      occurredAt: "2026-03-02T09:50:00+08:00",
      operatorNo: "H0007",
      channel: "phone" as const,
      level: "very_unsatisfied" as const,
      tags: ["svc.attitude.very_unsatisfied.1"],
      caller: { name: "黄秀英", phone: "13800138000" },
    };
    const { ratingId, workOrderId } = await recordHotlineRating(deps, "client", call);
    expect((await appealableRating(admin, ratingId)).operatorNo).toBe("H0007");
    await expect(
      appealableRating(await adminCtxAs(deps, TOWN_ADMIN.login), ratingId),
    ).rejects.toMatchObject({ code: "not_found" });
    const { appealId } = await fileAppeal(admin, form(ratingId), [png()]);
    await decideAppeal(bureau, {
      appealId,
      outcome: "adopted",
      reason: "通话录音显示接线员用语规范",
    });
    const [wo] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, workOrderId!));
    expect(wo?.status).toBe("not_adopted");
    expect((await deps.database.db.select().from(appeals))[0]).toMatchObject({
      operatorNo: "H0007",
      staffId: null,
    });
  });
});

describe("the statistics rollup of 采纳 (article 23, an explicit call of the decision)", () => {
  test("runs inside the decision's transaction: the rating's service part moves to not_adopted on 采纳, and a failure undoes the decision", async () => {
    const { deps, admin, bureau } = await setup();
    const r = await ratedCase(deps, SERVICE_BAD);
    const { appealId } = await fileAppeal(admin, form(r.ratingId), [png()]);
    const notAdopted = async () =>
      (
        await deps.database.db
          .select({ n: sql<number>`coalesce(sum(${statsDaily.n}), 0)` })
          .from(statsDaily)
          .where(eq(statsDaily.part, "not_adopted"))
      )[0]!.n;
    // the rollup fails: the database refuses its not_adopted row
    const refuse = (op: string) =>
      `create trigger refuse_${op} before ${op} on stats_daily when new.part = 'not_adopted' ` +
      `begin select raise(abort, 'rollup failed'); end;`;
    await deps.database.client.executeMultiple(refuse("insert") + refuse("update"));
    await expect(
      decideAppeal(bureau, { appealId, outcome: "adopted", reason: "评价不实" }),
    ).rejects.toThrow();
    expect(await deps.database.db.$count(appealDecisions)).toBe(0);
    expect((await deps.database.db.select().from(workOrders))[0]?.status).toBe("open");
    expect(await notAdopted()).toBe(0);
    await deps.database.client.executeMultiple(
      "drop trigger refuse_insert; drop trigger refuse_update;",
    );
    await decideAppeal(bureau, { appealId, outcome: "adopted", reason: "评价不实" });
    // the rating's service part, once (the writer may try a failed write again before giving up)
    expect(await notAdopted()).toBe(1);
    expect(await deps.database.db.$count(appealDecisions)).toBe(1);
  });
});
