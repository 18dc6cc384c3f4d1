import { and, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { hotlineCalls, outbox, ratings, workOrderResults, workOrders } from "@/db/schema";
import type { Deps } from "@/server/deps";
import { perTestDeps } from "@/tests/db";

import { verifyChain } from "../ratings/chain";
import type { THotlineRating, TWorkOrderResult } from "./hotline.schema";
import { recordHotlineRating, recordWorkOrderResult } from "./hotline.service";

const setup = perTestDeps();
const PHONE = "13800138000";
let n = 0;

function call(o: Partial<THotlineRating> = {}): THotlineRating {
  return {
    callId: `call-${Date.now().toString(36)}-${n++}`,
    occurredAt: "2026-03-02T10:00:00+08:00",
    operatorNo: "H0001",
    channel: "phone",
    level: "satisfied",
    caller: { name: "黄秀英", phone: PHONE },
    ...o,
  };
}

const result = (
  status: TWorkOrderResult["status"],
  o: Partial<TWorkOrderResult> = {},
): TWorkOrderResult => ({
  resultId: `res-${Date.now().toString(36)}-${n++}`,
  occurredAt: "2026-03-03T10:00:00+08:00",
  status,
  text: `${status} 已处理`,
  ...o,
});

async function badCall(deps: Deps) {
  const answer = await recordHotlineRating(
    deps,
    "client",
    call({ level: "very_unsatisfied", tags: ["svc.attitude.very_unsatisfied.1"] }),
  );
  if (!answer.workOrderId) throw new Error("a bad call must open a work order");
  return { ...answer, workOrderId: answer.workOrderId };
}

describe("recordHotlineRating", () => {
  test("a good phone rating is stored once; a replay answers the first; another body is a conflict", async () => {
    const { deps } = await setup();
    const c = call();
    const first = await recordHotlineRating(deps, "client", c);
    expect(first).toEqual({
      ratingId: expect.any(String) as string,
      callId: c.callId,
      workOrderId: null,
    });
    const reordered = JSON.parse(
      JSON.stringify({
        caller: c.caller,
        level: c.level,
        channel: c.channel,
        operatorNo: c.operatorNo,
        occurredAt: c.occurredAt,
        callId: c.callId,
      }),
    ) as THotlineRating;
    expect(await recordHotlineRating(deps, "client", reordered)).toEqual(first);
    await expect(
      recordHotlineRating(deps, "client", { ...c, level: "basic" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await deps.database.db.$count(ratings, eq(ratings.callId, c.callId))).toBe(1);
    expect(await deps.database.db.$count(hotlineCalls, eq(hotlineCalls.callId, c.callId))).toBe(1);
    const [row] = await deps.database.db
      .select()
      .from(ratings)
      .where(eq(ratings.id, first.ratingId));
    expect(row).toMatchObject({
      stage: "call",
      source: "hotline",
      channel: "phone",
      bad: false,
      stageId: null,
      caseId: null,
      submissionId: `call:${c.callId}`,
    });
    expect(JSON.parse(row?.scores ?? "[]")).toEqual([
      { indicatorCode: "svc.attitude", level: "satisfied", tagCodes: [], operatorNo: "H0001" },
    ]);
    expect(await deps.database.db.$count(workOrders)).toBe(0);
  });

  test("concurrent duplicates of one call store it once", async () => {
    const { deps } = await setup();
    const c = call({ level: "unsatisfied", text: "等了很久" });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => recordHotlineRating(deps, "client", c)),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await deps.database.db.$count(ratings, eq(ratings.callId, c.callId))).toBe(1);
    expect(await deps.database.db.$count(workOrders)).toBe(1);
  });

  test("article 11: a bad rating without a tag or a text is refused and nothing is stored", async () => {
    const { deps } = await setup();
    for (const c of [
      call({ level: "unsatisfied" }),
      call({ level: "very_unsatisfied", tags: [], text: "" }),
    ]) {
      await expect(recordHotlineRating(deps, "client", c)).rejects.toMatchObject({
        code: "invalid",
      });
    }
    expect(await deps.database.db.$count(ratings)).toBe(0);
    expect(await deps.database.db.$count(hotlineCalls)).toBe(0);
    expect(await deps.database.db.$count(outbox)).toBe(0);
  });

  test.each([
    ["an unknown tag", { level: "unsatisfied", tags: ["svc.attitude.unsatisfied.9"] }],
    ["a business indicator's tag", { level: "unsatisfied", tags: ["biz.duration.unsatisfied.1"] }],
    ["a tag of another level", { level: "unsatisfied", tags: ["svc.attitude.very_unsatisfied.1"] }],
    ["其他 without a text", { level: "unsatisfied", tags: ["svc.ability.unsatisfied.other"] }],
  ] as const)("%s is refused", async (_name, o) => {
    const { deps } = await setup();
    await expect(
      recordHotlineRating(deps, "client", call({ ...o, tags: [...o.tags] })),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await deps.database.db.$count(ratings)).toBe(0);
  });

  test("a bad rating opens a work order for 12345 and a provincial push, in one write; tags stay under their indicator", async () => {
    const { deps } = await setup();
    const c = call({
      level: "very_unsatisfied",
      channel: "sms",
      tags: ["svc.attitude.very_unsatisfied.1", "svc.ability.very_unsatisfied.2"],
      text: "态度差",
    });
    const a = await recordHotlineRating(deps, "client", c);
    expect(a.workOrderId).toEqual(expect.any(String));
    const [order] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.ratingId, a.ratingId));
    expect(order).toMatchObject({ id: a.workOrderId, status: "open", caseId: null, orgId: null });
    expect(
      await deps.database.db.$count(
        outbox,
        and(eq(outbox.channel, "hotline"), eq(outbox.dedupeKey, `workorder:${a.workOrderId}`)),
      ),
    ).toBe(1);
    expect(
      await deps.database.db.$count(
        outbox,
        and(eq(outbox.channel, "province"), eq(outbox.dedupeKey, `rating:${a.ratingId}`)),
      ),
    ).toBe(1);
    const [row] = await deps.database.db.select().from(ratings).where(eq(ratings.id, a.ratingId));
    expect(row?.bad).toBe(true);
    expect(JSON.parse(row?.scores ?? "[]")).toEqual([
      {
        indicatorCode: "svc.attitude",
        level: "very_unsatisfied",
        tagCodes: ["svc.attitude.very_unsatisfied.1"],
        text: "态度差",
        operatorNo: "H0001",
      },
      {
        indicatorCode: "svc.ability",
        level: "very_unsatisfied",
        tagCodes: ["svc.ability.very_unsatisfied.2"],
        operatorNo: "H0001",
      },
    ]);
    expect(await recordHotlineRating(deps, "client", c)).toEqual(a);
  });

  test("the caller's name and phone are sealed at rest; the chain still verifies", async () => {
    const { deps } = await setup();
    await recordHotlineRating(deps, "client", call());
    await badCall(deps);
    const raw = JSON.stringify([
      ...(await deps.database.db.all(sql`select * from hotline_calls`)),
      ...(await deps.database.db.all(sql`select * from ratings`)),
      ...(await deps.database.db.all(sql`select * from outbox`)),
    ]);
    expect(raw).not.toContain(PHONE);
    expect(raw).not.toContain("黄秀英");
    const [stored] = await deps.database.db.select().from(hotlineCalls).limit(1);
    expect(deps.pii.decrypt(stored?.callerPhoneEnc ?? "")).toBe(PHONE);
    expect(stored?.operatorNo).toBe("H0001");
    expect(await verifyChain(deps.database.db)).toEqual({ count: 2, brokenAt: null });
  });
});

describe("recordWorkOrderResult", () => {
  test("open → visited → rectified → closed, each result appended", async () => {
    const { deps } = await setup();
    const { workOrderId } = await badCall(deps);
    for (const status of ["visited", "rectified", "closed"] as const) {
      const r = result(status, { verified: true });
      expect(await recordWorkOrderResult(deps, "client", workOrderId, r)).toEqual({
        workOrderId,
        status,
        resultId: r.resultId,
      });
    }
    const [order] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, workOrderId));
    expect(order?.status).toBe("closed");
    expect(
      await deps.database.db.$count(
        workOrderResults,
        eq(workOrderResults.workOrderId, workOrderId),
      ),
    ).toBe(3);
  });

  test("open and visited may go straight to closed", async () => {
    const { deps } = await setup();
    const a = await badCall(deps);
    expect(
      (await recordWorkOrderResult(deps, "client", a.workOrderId, result("closed"))).status,
    ).toBe("closed");
    const b = await badCall(deps);
    await recordWorkOrderResult(
      deps,
      "client",
      b.workOrderId,
      result("visited", { verified: false }),
    );
    expect(
      (await recordWorkOrderResult(deps, "client", b.workOrderId, result("closed"))).status,
    ).toBe("closed");
  });

  test("a replay answers the first answer; the same resultId with another body or for another order is a conflict", async () => {
    const { deps } = await setup();
    const { workOrderId } = await badCall(deps);
    const other = await badCall(deps);
    const r = result("visited");
    const first = await recordWorkOrderResult(deps, "client", workOrderId, r);
    await recordWorkOrderResult(deps, "client", workOrderId, result("rectified"));
    // the replay still answers what it answered, though the order has moved on
    expect(await recordWorkOrderResult(deps, "client", workOrderId, { ...r })).toEqual(first);
    await expect(
      recordWorkOrderResult(deps, "client", workOrderId, { ...r, text: "另一个结果" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(recordWorkOrderResult(deps, "client", other.workOrderId, r)).rejects.toMatchObject(
      { code: "conflict" },
    );
    expect(
      await deps.database.db.$count(workOrderResults, eq(workOrderResults.resultId, r.resultId)),
    ).toBe(1);
  });

  test.each([
    [["visited", "rectified"], "visited", "工单已是“已整改”，不能再报“已回访”"],
    [["visited"], "visited", "工单已是“已回访”，不能再报“已回访”"],
    [["closed"], "rectified", "工单已是“已办结”，不能再报“已整改”"],
    [[], "rectified", "工单还未回访核实，须先报“已回访”，才能报“已整改”"],
  ] as const)("after %j, %s is a conflict that says why", async (before, status, message) => {
    const { deps } = await setup();
    const { workOrderId } = await badCall(deps);
    for (const s of before) await recordWorkOrderResult(deps, "client", workOrderId, result(s));
    await expect(
      recordWorkOrderResult(deps, "client", workOrderId, result(status)),
    ).rejects.toMatchObject({ code: "conflict", message });
    expect(
      await deps.database.db.$count(
        workOrderResults,
        eq(workOrderResults.workOrderId, workOrderId),
      ),
    ).toBe(before.length);
    const [order] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, workOrderId));
    expect(order?.status).toBe(before.at(-1) ?? "open");
  });

  test("an unknown work order is not found", async () => {
    const { deps } = await setup();
    await expect(
      recordWorkOrderResult(deps, "client", "NO-SUCH-ORDER", result("visited")),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await deps.database.db.$count(workOrderResults)).toBe(0);
  });
});
