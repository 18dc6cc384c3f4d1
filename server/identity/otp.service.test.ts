import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { cases, otpCodes } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { tamper } from "@/tests/tamper";

import { recordCaseEvent } from "../cases/cases.service";
import { listSms } from "../outbox/outbox.service";
import { otpDelivery, requestOtp, verifyOtp } from "./otp.service";
import { readSession, signSession } from "./session";

const fresh = perTestDeps();

async function withApplicant(phone = "13902221234", idNumber = "440781195803120027") {
  const made = await fresh();
  const e = caseEvent({ case: { applicant: { type: "person", name: "黄秀英", idNumber, phone } } });
  await recordCaseEvent(made.deps, "t", e);
  const [c] = await made.deps.database.db
    .select({ applicantId: cases.applicantId })
    .from(cases)
    .where(eq(cases.serialNo, e.case.serialNo));
  return { ...made, applicantId: c!.applicantId, phone };
}

const codeIn = (text: string) => /(\d{6})/.exec(text)?.[1] ?? "";

describe("one-time SMS codes", () => {
  test("a code goes to the phone on file through the outbox, masked on screen, stored only as a hash", async () => {
    const { deps, applicantId, phone } = await withApplicant();
    const sent = await requestOtp(deps, applicantId, "10.0.0.1");
    expect(sent.maskedPhone).toBe("139****1234");
    const [sms] = await listSms(deps, phone);
    const code = codeIn(sms!.text);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await deps.database.db.select().from(otpCodes);
    expect(JSON.stringify(rows)).not.toContain(code);
    const session = await verifyOtp(deps, applicantId, code);
    expect(session).toEqual({ applicantId, proof: "otp" });
    // a code is used once
    await expect(verifyOtp(deps, applicantId, code)).rejects.toMatchObject({ code: "invalid" });
  });

  test("a code's ticket tells only its own applicant whether the SMS has left", async () => {
    const { deps, applicantId } = await withApplicant();
    const e = caseEvent({
      case: {
        applicant: {
          type: "person",
          name: "陈家明",
          idNumber: "440781195904150013",
          phone: "13902225678",
        },
      },
    });
    await recordCaseEvent(deps, "t", e);
    const [other] = await deps.database.db
      .select({ applicantId: cases.applicantId })
      .from(cases)
      .where(eq(cases.serialNo, e.case.serialNo));
    expect(other!.applicantId).not.toBe(applicantId);
    const { ticket } = await requestOtp(deps, applicantId, "10.0.0.1");
    expect(await otpDelivery(deps, applicantId, ticket)).toBe("sent");
    // another case's page cannot learn of this code
    expect(await otpDelivery(deps, other!.applicantId, ticket)).toBe("waiting");
  });

  test("one send per phone per 60 s", async () => {
    const { deps, clock, applicantId } = await withApplicant();
    await requestOtp(deps, applicantId, "10.0.0.1");
    clock.advance(59_000);
    await expect(requestOtp(deps, applicantId, "10.0.0.1")).rejects.toMatchObject({
      code: "too_many_requests",
      details: { reason: "too_soon" },
    });
    clock.advance(2_000);
    await expect(requestOtp(deps, applicantId, "10.0.0.1")).resolves.toMatchObject({
      maskedPhone: "139****1234",
    });
  });

  test("a daily cap per phone, reset at the Shanghai day boundary", async () => {
    const { deps, clock, applicantId } = await withApplicant();
    clock.set("2026-03-02T08:00:00+08:00");
    for (let i = 0; i < 10; i++) {
      await requestOtp(deps, applicantId, `10.0.0.${i}`);
      clock.advance(61_000);
    }
    await expect(requestOtp(deps, applicantId, "10.0.1.1")).rejects.toMatchObject({
      details: { reason: "daily_cap" },
    });
    clock.set("2026-03-03T00:00:01+08:00");
    await expect(requestOtp(deps, applicantId, "10.0.1.1")).resolves.toBeTruthy();
  });

  test("a busy hall behind one address can send 100 codes in 10 minutes; the 101st waits", async () => {
    const made = await fresh();
    const ids: string[] = [];
    for (let i = 0; i < 101; i++) {
      const e = caseEvent({
        case: {
          applicant: {
            type: "person",
            name: "测试",
            idNumber: `4407811990010${String(i).padStart(5, "0")}`,
            phone: `1380000${String(i).padStart(4, "0")}`,
          },
        },
      });
      await recordCaseEvent(made.deps, "t", e);
      const [c] = await made.deps.database.db
        .select({ a: cases.applicantId })
        .from(cases)
        .where(eq(cases.serialNo, e.case.serialNo));
      ids.push(c!.a);
    }
    for (const id of ids.slice(0, 100)) await requestOtp(made.deps, id, "203.0.113.9");
    await expect(requestOtp(made.deps, ids[100]!, "203.0.113.9")).rejects.toMatchObject({
      details: { reason: "client_cap" },
    });
    await expect(requestOtp(made.deps, ids[100]!, "203.0.113.10")).resolves.toBeTruthy();
  });

  test("five wrong tries spend the code; a code expires after 5 minutes", async () => {
    const { deps, clock, applicantId, phone } = await withApplicant();
    await requestOtp(deps, applicantId, "10.0.0.1");
    const code = codeIn((await listSms(deps, phone))[0]!.text);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++)
      await expect(verifyOtp(deps, applicantId, wrong)).rejects.toMatchObject({
        details: { reason: "wrong" },
      });
    await expect(verifyOtp(deps, applicantId, wrong)).rejects.toMatchObject({
      details: { reason: "spent" },
    });
    await expect(verifyOtp(deps, applicantId, code)).rejects.toMatchObject({
      details: { reason: "spent" },
    });

    clock.advance(61_000);
    await requestOtp(deps, applicantId, "10.0.0.1");
    const fresh = codeIn((await listSms(deps, phone))[0]!.text);
    clock.advance(5 * 60_000 + 1);
    await expect(verifyOtp(deps, applicantId, fresh)).rejects.toMatchObject({
      details: { reason: "expired" },
    });
  });
});

describe("real-name sessions", () => {
  test("valid for 30 minutes, refused when tampered", async () => {
    const { deps, clock, applicantId } = await withApplicant();
    const token = await signSession(deps, { applicantId, proof: "otp" });
    expect(readSession(deps, token)).toEqual({ applicantId, proof: "otp" });
    expect(readSession(deps, tamper(token, 2))).toBeNull();
    clock.advance(30 * 60_000 + 1000);
    expect(readSession(deps, token)).toBeNull();
  });
});
