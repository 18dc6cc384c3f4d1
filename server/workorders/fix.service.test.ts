import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { fixRatings, outbox, workOrders } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { newWebhookSecret, startWebhookReceiver } from "@/tests/webhook-receiver";

import { recordWorkOrderResult } from "../hotline/hotline.service";
import { deliver } from "../jobs/deliveries.job";
import { submitRating } from "../ratings/ratings.service";
import { workOrderDueAt } from "./deadline";
import { rateFix } from "./fix.service";
import { raterTimeline, workOrderEvents } from "./timeline";
import { ZWorkOrderReopened } from "./webhook.schema";

const fresh = perTestDeps();

async function badRating(settings?: Parameters<typeof fresh>[1]) {
  const made = await fresh("2026-03-02T10:00:00+08:00", settings);
  const c = await completedCase(made.deps, {
    case: { channel: "online_pc", windowCode: undefined, staffNo: undefined },
  });
  const scores = [
    { indicatorCode: "overall", level: "unsatisfied" as const, tagCodes: [], text: "等了两个小时" },
  ];
  const r = await submitRating(
    made.deps,
    { applicantId: c.applicantId, proof: "otp" },
    { token: c.token, submissionId: "sub-fix-0001", stage: "completion", scores },
  );
  const [wo] = await made.deps.database.db
    .select()
    .from(workOrders)
    .where(eq(workOrders.ratingId, r.ratingId));
  return { ...made, c, wo: wo! };
}

const close = (deps: Parameters<typeof recordWorkOrderResult>[0], id: string, resultId: string) =>
  recordWorkOrderResult(deps, "hotline", id, {
    resultId,
    occurredAt: "2026-03-05T10:00:00+08:00",
    status: "closed",
    verified: true,
    text: "已回访，窗口已整改",
  });

describe("评价整改结果: the rater rates the fix of a closed work order, once", () => {
  test("only once the order is closed; 满意 keeps it closed; a second rating answers the first", async () => {
    const { deps, c, wo } = await badRating();
    await expect(
      rateFix(deps, [c.applicantId], { workOrderId: wo.id, level: "satisfied" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await close(deps, wo.id, "res-1");
    await expect(
      rateFix(deps, ["someone-else"], { workOrderId: wo.id, level: "satisfied" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(
      await rateFix(deps, [c.applicantId], { workOrderId: wo.id, level: "satisfied" }),
    ).toEqual({ level: "satisfied", reopened: false, replay: false });
    expect(
      await rateFix(deps, [c.applicantId], { workOrderId: wo.id, level: "unsatisfied" }),
    ).toEqual({ level: "satisfied", reopened: false, replay: true });
    const [after] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, wo.id));
    expect(after?.status).toBe("closed");
    await expect(
      deps.database.db.delete(fixRatings).where(eq(fixRatings.workOrderId, wo.id)),
    ).rejects.toThrow();
  });

  test("不满意 reopens the order once with a new 10-working-day deadline and sends work_order.reopened to a real receiver", async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver(secret);
    try {
      const { deps, clock, c, wo } = await badRating({
        hotlineWebhook: { url: receiver.url, secret },
      });
      await close(deps, wo.id, "res-2");
      clock.set("2026-03-09T15:00:00+08:00");
      expect(
        await rateFix(deps, [c.applicantId], { workOrderId: wo.id, level: "unsatisfied" }),
      ).toMatchObject({ reopened: true, replay: false });
      const [after] = await deps.database.db
        .select()
        .from(workOrders)
        .where(eq(workOrders.id, wo.id));
      expect(after).toMatchObject({
        status: "open",
        overdueAt: null,
        dueAt: await workOrderDueAt(deps.database.db, clock.now()),
      });
      expect(after!.dueAt).toBeGreaterThan(wo.dueAt);
      // once: the fix is rated once, so the order cannot be reopened again
      await close(deps, wo.id, "res-3");
      expect(
        await rateFix(deps, [c.applicantId], { workOrderId: wo.id, level: "unsatisfied" }),
      ).toMatchObject({ replay: true });
      expect(
        (await deps.database.db.select().from(workOrders).where(eq(workOrders.id, wo.id)))[0]
          ?.status,
      ).toBe("closed");
      expect(
        (
          await deps.database.db
            .select()
            .from(outbox)
            .where(eq(outbox.dedupeKey, `reopened:${wo.id}`))
        ).length,
      ).toBe(1);

      await deliver(deps);
      const bodies = [...receiver.processed.values()] as {
        type: string;
        workOrderId: string;
        fixRating: unknown;
      }[];
      expect(bodies.map((b) => b.type).sort()).toEqual([
        "work_order.created",
        "work_order.reopened",
      ]);
      expect(bodies.find((b) => b.type === "work_order.reopened")).toMatchObject({
        workOrderId: wo.id,
        fixRating: { level: "unsatisfied", reopened: true },
      });
      // what OpenAPI documents
      expect(
        ZWorkOrderReopened.safeParse(bodies.find((b) => b.type === "work_order.reopened")).success,
      ).toBe(true);
      const timeline = raterTimeline(
        (await workOrderEvents(deps.database.db, [wo.id])).get(wo.id)!,
      );
      const kinds = timeline.map((e) => (e.kind === "result" ? e.status : e.kind));
      expect(kinds[0]).toBe("created");
      expect(kinds.filter((k) => k === "closed")).toHaveLength(2);
      expect(kinds).toEqual(expect.arrayContaining(["sent", "fix_rated"]));
      expect(timeline.find((e) => e.kind === "fix_rated")).toMatchObject({
        level: "unsatisfied",
        reopened: true,
      });
    } finally {
      await receiver.stop();
    }
  });
});
