import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { appendedRatings, outbox, ratings, workOrders } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { provincePayload } from "../province/province.payload";
import { appendedProvinceInputFor } from "../province/province.source";
import { workOrderBody } from "../workorders/workorder-body";
import { appendedFor, appendToRating, ZAppend } from "./appended.service";
import { verifyChain } from "./chain";
import { ratingPage } from "./page.service";
import { submitRating } from "./ratings.service";

const fresh = perTestDeps();

async function ratedCase(level: "very_satisfied" | "unsatisfied") {
  const made = await fresh();
  const c = await completedCase(made.deps, {
    case: { channel: "online_pc", windowCode: undefined, staffNo: undefined },
  });
  const session = { applicantId: c.applicantId, proof: "otp" as const };
  const scores = [
    {
      indicatorCode: "overall",
      level,
      tagCodes: [],
      ...(level === "unsatisfied" ? { text: "材料被退回三次" } : {}),
    },
  ];
  const receipt = await submitRating(made.deps, session, {
    token: c.token,
    submissionId: `sub-${level}-01`,
    stage: "completion",
    scores,
  });
  return { ...made, c, session, ratingId: receipt.ratingId };
}

describe("追加评价: one per rated stage, beside the rating, never replacing it", () => {
  test("kept beside the chained rating, which is untouched; a second one answers the first; pushed as 评价次数 2", async () => {
    const { deps, c, ratingId } = await ratedCase("very_satisfied");
    const [before] = await deps.database.db.select().from(ratings).where(eq(ratings.id, ratingId));
    const first = await appendToRating(deps, [c.applicantId], {
      ratingId,
      text: "后来又补办了一份证明，也很顺利",
    });
    expect(first).toMatchObject({ replay: false, level: null, bad: false, workOrderId: null });
    const again = await appendToRating(deps, [c.applicantId], {
      ratingId,
      text: "另一段话",
      level: "very_unsatisfied",
    });
    expect(again).toMatchObject({
      id: first.id,
      replay: true,
      text: "后来又补办了一份证明，也很顺利",
    });
    expect(await deps.database.db.select().from(appendedRatings)).toHaveLength(1);
    const [after] = await deps.database.db.select().from(ratings).where(eq(ratings.id, ratingId));
    expect(after).toEqual(before);
    expect(await verifyChain(deps.database.db)).toMatchObject({ brokenAt: null });
    // append-only like the ratings
    await expect(
      deps.database.db
        .update(appendedRatings)
        .set({ text: "改过" })
        .where(eq(appendedRatings.id, first.id)),
    ).rejects.toThrow();

    const pushes = await deps.database.db
      .select({ key: outbox.dedupeKey })
      .from(outbox)
      .where(eq(outbox.channel, "province"));
    expect(pushes.map((p) => p.key)).toContain(`appended:${first.id}`);
    const payload = provincePayload(await appendedProvinceInputFor(deps, first.id));
    expect(payload).toMatchObject({
      assessId: first.id,
      projectNo: c.serialNo,
      assessNumber: 2,
      star: 5,
      evalContent: "后来又补办了一份证明，也很顺利",
    });

    // the rating page shows it as appended: its words to the applicant only
    const own = await ratingPage(deps, c.token, { applicantId: c.applicantId, proof: "otp" });
    const stranger = await ratingPage(deps, c.token, null);
    expect("shown" in own && own.shown[0]?.appended).toMatchObject({
      level: null,
      text: "后来又补办了一份证明，也很顺利",
    });
    expect("shown" in stranger && stranger.shown[0]?.appended).toEqual({
      level: null,
      createdAt: first.createdAt,
      textHidden: true,
    });
  });

  test("an appended 差评 on a stage rated well opens a work order, and the order carries the appended words", async () => {
    const { deps, c, ratingId } = await ratedCase("very_satisfied");
    const done = await appendToRating(deps, [c.applicantId], {
      ratingId,
      level: "unsatisfied",
      text: "证件寄错了地址，打电话没人管",
    });
    expect(done.workOrderId).toBeTruthy();
    const [wo] = await deps.database.db
      .select()
      .from(workOrders)
      .where(eq(workOrders.ratingId, ratingId));
    expect(wo).toMatchObject({ id: done.workOrderId, status: "open", caseId: c.caseId });
    expect(
      (
        await deps.database.db
          .select()
          .from(outbox)
          .where(eq(outbox.dedupeKey, `workorder:${wo!.id}`))
      ).length,
    ).toBe(1);
    expect((await workOrderBody(deps, wo!.id)).appended).toMatchObject({
      level: "unsatisfied",
      text: "证件寄错了地址，打电话没人管",
    });
    expect(await appendedFor(deps.database.db, ratingId)).toMatchObject({
      workOrderId: wo!.id,
      bad: true,
    });
  });

  test("an appended 差评 on a stage already rated badly opens no second order", async () => {
    const { deps, c, ratingId } = await ratedCase("unsatisfied");
    const done = await appendToRating(deps, [c.applicantId], {
      ratingId,
      level: "very_unsatisfied",
      text: "还是没人回复",
    });
    expect(done.workOrderId).toBeNull();
    expect(await deps.database.db.select().from(workOrders)).toHaveLength(1);
  });

  test("another person's rating is not found; the text is at most 500 characters", async () => {
    const { deps, ratingId } = await ratedCase("very_satisfied");
    await expect(
      appendToRating(deps, ["someone-else"], { ratingId, text: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(ZAppend.safeParse({ ratingId, text: "字".repeat(501) }).success).toBe(false);
    expect(ZAppend.safeParse({ ratingId, text: "   " }).success).toBe(false);
    expect(ZAppend.safeParse({ ratingId, text: "字".repeat(500) }).success).toBe(true);
  });
});
