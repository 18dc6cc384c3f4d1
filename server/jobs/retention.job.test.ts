import { eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { applicants, caseEvents, cases, hotlineCalls, outbox, ratings } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { completedCase } from "@/tests/rating-fixtures";

import { SYSTEM } from "../audit/audit.service";
import { openApplicantPii } from "../cases/applicant-pii";
import { recordCaseEvent } from "../cases/cases.service";
import { recordHotlineRating } from "../hotline/hotline.service";
import { ERASED } from "../privacy/pii";
import { verifyChain } from "../ratings/chain";
import { submitRating } from "../ratings/ratings.service";
import { setSetting } from "../settings/settings.service";
import { levelCounts } from "../stats/recount";
import { writeDefaults } from "./defaults.job";
import { sendReminders } from "./reminders.job";
import { erasePastRetention, retentionCutoff } from "./retention.job";

const fresh = perTestDeps();
const person = (i: number) =>
  ({
    type: "person",
    name: `测试${i}`,
    idNumber: `44078119800101${String(i).padStart(4, "0")}`,
    phone: `1390000${String(i).padStart(4, "0")}`,
  }) as const;

describe("PII retention (bureau setting pii.retentionYears)", () => {
  test("erases name, ID number and phone years after the last stage closed; ratings, statistics and the chain stay as they were", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const rated = await completedCase(deps, { case: { applicant: person(1) } });
    await submitRating(
      deps,
      { applicantId: rated.applicantId, proof: "otp" },
      {
        token: rated.token,
        submissionId: "r-1",
        stage: "completion",
        scores: [
          {
            indicatorCode: "overall",
            level: "unsatisfied",
            tagCodes: ["overall.unsatisfied.1"],
            text: "等太久",
          },
        ],
      },
    );
    const defaulted = await completedCase(deps, { case: { applicant: person(2) } });
    clock.set("2026-03-03T10:00:00+08:00");
    expect(await sendReminders(deps)).toBe(1); // an SMS to person 2, sealed in the outbox
    clock.set("2026-03-10T00:00:00+08:00");
    expect(await writeDefaults(deps)).toBe(3);
    // person 3 came back: an old case closed, a new one still open years later
    const returning = await completedCase(deps, { case: { applicant: person(3) } });
    const ratingsBefore = await deps.database.db.select().from(ratings);
    const march = {
      from: Date.parse("2026-03-01T00:00:00+08:00"),
      to: Date.parse("2026-04-01T00:00:00+08:00"),
    };
    const statsOf = async () => [
      await levelCounts(deps, march, { includeDefaults: true }),
      await levelCounts(deps, march, { includeDefaults: false }),
    ];
    const statsBefore = await statsOf();

    // three years after the windows closed (24:00 of 9 March 2026), less a second: nothing yet
    clock.set("2029-03-09T23:59:59+08:00");
    await recordCaseEvent(
      deps,
      "test",
      caseEvent({ occurredAt: "2029-03-09T10:00:00+08:00", case: { applicant: person(3) } }),
    );
    expect(await erasePastRetention(deps)).toBe(0);
    clock.set("2029-03-10T00:00:00+08:00");
    expect(await erasePastRetention(deps)).toBe(2);
    expect(await erasePastRetention(deps)).toBe(0);

    const rows = await deps.database.db
      .select()
      .from(applicants)
      .where(
        inArray(applicants.id, [rated.applicantId, defaulted.applicantId, returning.applicantId]),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of [rated.applicantId, defaulted.applicantId]) {
      expect(byId.get(id)).toMatchObject({
        piiEnc: ERASED,
        nameEnc: null,
        idNumberEnc: null,
        phoneEnc: null,
        idHash: `erased:${id}`,
        phoneHash: `erased:${id}`,
        erasedAt: clock.now(),
      });
    }
    expect(byId.get(returning.applicantId)?.erasedAt).toBeNull();
    expect(openApplicantPii(deps.pii, byId.get(returning.applicantId)!.piiEnc).name).toBe("测试3");

    const erasedCases = await deps.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(inArray(cases.applicantId, [rated.applicantId, defaulted.applicantId]));
    const events = await deps.database.db
      .select()
      .from(caseEvents)
      .where(
        inArray(
          caseEvents.caseId,
          erasedCases.map((c) => c.id),
        ),
      );
    expect(events.length).toBe(4);
    expect(events.every((e) => e.payloadEnc === ERASED)).toBe(true);
    expect(await deps.database.db.$count(outbox, eq(outbox.channel, "sms"))).toBe(0);

    // nothing of theirs is left to find or to read
    const dump = JSON.stringify(await deps.database.db.select().from(applicants));
    for (const p of [person(1), person(2)]) {
      for (const v of [p.name, p.phone, p.idNumber])
        expect(JSON.stringify(await deps.database.db.select().from(caseEvents)).includes(v)).toBe(
          false,
        );
      expect(dump).not.toContain(deps.pii.blindIndex("id", p.idNumber));
      expect(dump).not.toContain(deps.pii.blindIndex("phone", p.phone));
    }

    expect(await deps.database.db.select().from(ratings)).toEqual(ratingsBefore);
    expect(await verifyChain(deps.database.db)).toEqual({
      count: ratingsBefore.length,
      brokenAt: null,
    });
    expect(await statsOf()).toEqual(statsBefore);
  });

  test("follows the bureau setting; an applicant with an open case keeps everything", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const c = await completedCase(deps, { case: { applicant: person(4) } });
    clock.set("2026-03-10T00:00:00+08:00");
    await writeDefaults(deps);
    await setSetting(deps, SYSTEM, "pii.retentionYears", 1);
    // person 5's case was received recently and is still under way
    clock.set("2027-03-01T10:00:00+08:00");
    await recordCaseEvent(
      deps,
      "test",
      caseEvent({ occurredAt: "2027-03-01T10:00:00+08:00", case: { applicant: person(5) } }),
    );
    clock.set("2027-03-09T23:59:59+08:00");
    expect(await erasePastRetention(deps)).toBe(0);
    clock.set("2027-03-10T00:00:00+08:00");
    expect(await erasePastRetention(deps, { batch: 1 })).toBe(1);
    const [row] = await deps.database.db
      .select()
      .from(applicants)
      .where(eq(applicants.id, c.applicantId));
    expect(row?.erasedAt).toBe(clock.now());
    expect(await deps.database.db.$count(applicants, eq(applicants.piiEnc, ERASED))).toBe(1);
    expect(retentionCutoff(Date.parse("2027-03-10T00:00:00+08:00"), 1)).toBe(
      Date.parse("2026-03-10T00:00:00+08:00"),
    );
  });

  test("a case that never completed is erased once no event came for the retention period; so is a 12345 caller, by the call's time", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    await recordCaseEvent(
      deps,
      "test",
      caseEvent({ occurredAt: "2026-03-02T10:00:00+08:00", case: { applicant: person(6) } }),
    ); // received, never decided
    await recordHotlineRating(deps, "test", {
      callId: "call-retention-1",
      occurredAt: "2026-03-02T10:00:00+08:00",
      operatorNo: "H0001",
      channel: "phone",
      level: "satisfied",
      caller: { name: "黄秀英", phone: "13800138000" },
    });
    clock.set("2026-03-10T00:00:00+08:00");
    await writeDefaults(deps); // the receipt stage defaults; the completion stage stays pending
    clock.set("2029-03-02T09:59:59+08:00");
    expect(await erasePastRetention(deps)).toBe(0);
    clock.set("2029-03-10T00:00:01+08:00");
    expect(await erasePastRetention(deps)).toBe(2);
    const [call] = await deps.database.db.select().from(hotlineCalls);
    expect(call).toMatchObject({ callerNameEnc: null, callerPhoneEnc: ERASED });
    expect(await deps.database.db.$count(applicants, eq(applicants.piiEnc, ERASED))).toBe(1);
    expect(await erasePastRetention(deps)).toBe(0);
  });

  test("case events stay append-only: only their sealed payload may be erased", async () => {
    const { deps } = await fresh();
    await recordCaseEvent(deps, "test", caseEvent());
    const mine = eq(caseEvents.clientId, "test");
    // the trigger's message is the cause drizzle wraps
    const refusal = (fn: Parameters<typeof deps.database.write>[0]) =>
      deps.database.write(fn).then(
        () => "written",
        (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
      );
    expect(
      await refusal((tx) => tx.update(caseEvents).set({ type: "decided" }).where(mine)),
    ).toMatch(/append-only/);
    expect(
      await refusal((tx) => tx.update(caseEvents).set({ payloadEnc: "v1:forged" }).where(mine)),
    ).toMatch(/append-only/);
    expect(await refusal((tx) => tx.delete(caseEvents).where(mine))).toMatch(/append-only/);
    expect(
      await refusal((tx) => tx.update(caseEvents).set({ payloadEnc: ERASED }).where(mine)),
    ).toBe("written");
  });
});
