import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { cases, feedback, ratings } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { completedCase } from "@/tests/rating-fixtures";
import { newWebhookSecret, startWebhookReceiver } from "@/tests/webhook-receiver";

import { recordCaseEvent } from "../cases/cases.service";
import { deliver } from "../jobs/deliveries.job";
import { mintCode } from "../qr/qr.service";
import { ratingPage } from "../ratings/page.service";
import { levelCounts } from "../stats/recount";
import { ZFeedbackCreated } from "../workorders/webhook.schema";
import { submitFeedback, ZFeedback } from "./feedback.service";

const fresh = perTestDeps();

async function turnedAway(settings?: Parameters<typeof fresh>[1]) {
  const made = await fresh("2026-03-02T10:00:00+08:00", settings);
  const e = caseEvent({ occurredAt: "2026-03-02T09:50:00+08:00" });
  await recordCaseEvent(made.deps, "t", e);
  await recordCaseEvent(
    made.deps,
    "t",
    caseEvent({ type: "receipt_failed", occurredAt: "2026-03-02T09:55:00+08:00", case: e.case }),
  );
  const [c] = await made.deps.database.db
    .select()
    .from(cases)
    .where(eq(cases.serialNo, e.case.serialNo));
  const code = await mintCode(made.deps, { serialNo: e.case.serialNo, kind: "static" });
  return {
    ...made,
    c: c!,
    token: code.token,
    session: { applicantId: c!.applicantId, proof: "otp" as const },
    phone: e.case.applicant.phone,
  };
}

describe("意见反馈 from a person turned away (SPEC §4)", () => {
  test("goes to 12345 as feedback.created, sealed at rest, once per case; not a rating, and no figure counts it", async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver(secret);
    try {
      const { deps, c, token, session, phone } = await turnedAway({
        hotlineWebhook: { url: receiver.url, secret },
      });
      const period = {
        from: Date.parse("2026-03-01T00:00:00+08:00"),
        to: Date.parse("2026-03-31T00:00:00+08:00"),
      };
      const before = await levelCounts(deps, period, { includeDefaults: true });
      const page = await ratingPage(deps, token, null);
      expect(page).toMatchObject({
        state: "not_open",
        needsProof: true,
        maskedPhone: "139****1234",
        feedbackSent: false,
      });

      const first = await submitFeedback(deps, session, {
        token,
        text: "材料齐全却说不能收件，我的电话 13902221234",
        contact: false,
      });
      expect(first.replay).toBe(false);
      expect(
        await submitFeedback(deps, session, { token, text: "再说一次", contact: true }),
      ).toEqual({ feedbackId: first.feedbackId, replay: true });
      const [row] = await deps.database.db.select().from(feedback).where(eq(feedback.caseId, c.id));
      expect(row!.textEnc).not.toContain("材料");
      expect(await deps.database.db.select().from(ratings).where(eq(ratings.caseId, c.id))).toEqual(
        [],
      );
      expect(await levelCounts(deps, period, { includeDefaults: true })).toEqual(before);
      expect(await ratingPage(deps, token, session)).toMatchObject({
        state: "not_open",
        needsProof: false,
        feedbackSent: true,
      });

      await deliver(deps);
      const [body] = [...receiver.processed.values()] as Record<string, unknown>[];
      expect(body).toMatchObject({
        type: "feedback.created",
        feedbackId: first.feedbackId,
        case: { serialNo: c.serialNo, status: "receipt_failed" },
        person: { maskedName: "黄*英", maskedPhone: "139****1234" },
      });
      expect(ZFeedbackCreated.safeParse(body).error).toBeUndefined(); // what OpenAPI documents
      // the phone goes only with consent
      expect(body!.person).not.toHaveProperty("phone");
      expect(JSON.stringify(body)).not.toContain(`"${phone}"`);
    } finally {
      await receiver.stop();
    }
  });

  test("only for a case turned away, only by its applicant; the text is at most 500 characters", async () => {
    const { deps, token } = await turnedAway();
    await expect(
      submitFeedback(
        deps,
        { applicantId: "someone-else", proof: "otp" },
        { token, text: "x", contact: false },
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const ok = await completedCase(deps);
    await expect(
      submitFeedback(
        deps,
        { applicantId: ok.applicantId, proof: "otp" },
        { token: ok.token, text: "x", contact: false },
      ),
    ).rejects.toMatchObject({
      code: "invalid",
    });
    expect(ZFeedback.safeParse({ token, text: "字".repeat(501) }).success).toBe(false);
    expect(ZFeedback.safeParse({ token, text: "字".repeat(500) })).toMatchObject({
      success: true,
      data: { contact: false },
    });
  });
});
