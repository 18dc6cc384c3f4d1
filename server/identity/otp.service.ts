import "server-only";

import { randomInt } from "node:crypto";

import { and, desc, eq, gte, isNull } from "drizzle-orm";
import { z } from "zod";

import { applicants, otpCodes } from "@/db/schema";

import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { queueSms } from "../outbox/outbox.service";
import { maskPhone } from "../privacy/mask";
import { sendSmsSoon, smsState } from "../sms/sms.delivery";
import { shanghaiDayStart } from "../time/shanghai";
import { OTP, sendRefusal } from "./otp.rules";
import type { RaterSession } from "./session";

const REFUSALS = {
  too_soon: "验证码已发送，请 60 秒后再试",
  daily_cap: "今天获取验证码的次数已用完，请明天再试或到窗口办理",
  client_cap: "请求过于频繁，请稍后再试",
} as const;

async function applicantPhone(
  deps: Deps,
  applicantId: string,
): Promise<{ phone: string; phoneHash: string }> {
  const [a] = await deps.database.db
    .select({ piiEnc: applicants.piiEnc, phoneHash: applicants.phoneHash })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  if (!a) throw new DomainError("not_found", "申请人不存在");
  return { phone: openApplicantPii(deps.pii, a.piiEnc).phone, phoneHash: a.phoneHash };
}

/** The masked phone a code would go to (shown before sending: 138****1234). */
export async function maskedPhoneOf(deps: Deps, applicantId: string): Promise<string> {
  return maskPhone((await applicantPhone(deps, applicantId)).phone);
}

/** Sends a one-time code to the applicant's phone on file, through the SMS outbox. */
export async function requestOtp(
  deps: Deps,
  applicantId: string,
  clientAddress: string,
): Promise<{ maskedPhone: string; expiresAt: number; ticket: string }> {
  const { phone, phoneHash } = await applicantPhone(deps, applicantId);
  const clientHash = deps.pii.digest("client", clientAddress);
  const sent = await deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const since = now - 24 * 3600_000;
    const phoneSends = await tx
      .select({ t: otpCodes.createdAt })
      .from(otpCodes)
      .where(and(eq(otpCodes.phoneHash, phoneHash), gte(otpCodes.createdAt, since)));
    const clientSends = await tx
      .select({ t: otpCodes.createdAt })
      .from(otpCodes)
      .where(
        and(
          eq(otpCodes.clientHash, clientHash),
          gte(otpCodes.createdAt, now - OTP.perClientWindowMs),
        ),
      );
    const refusal = sendRefusal(
      phoneSends.map((r) => r.t),
      clientSends.map((r) => r.t),
      now,
      shanghaiDayStart(now),
    );
    if (refusal) throw new DomainError("too_many_requests", REFUSALS[refusal], { reason: refusal });
    const code = String(randomInt(0, 10 ** OTP.digits)).padStart(OTP.digits, "0");
    const id = newId(now);
    await tx.insert(otpCodes).values({
      id,
      applicantId,
      phoneHash,
      clientHash,
      codeHash: deps.pii.digest("otp", `${id}:${code}`),
      attempts: 0,
      expiresAt: now + OTP.ttlMs,
      createdAt: now,
    });
    await queueSms(
      deps,
      tx,
      otpMessageKey(id),
      { to: phone, template: "otp", params: { code } },
      now,
    );
    return { maskedPhone: maskPhone(phone), expiresAt: now + OTP.ttlMs, ticket: id };
  });
  // a code is wanted within seconds, not at the next job run
  sendSmsSoon(deps, otpMessageKey(sent.ticket));
  return sent;
}

const otpMessageKey = (otpId: string) => `otp:${otpId}`;

/** A code's ticket as the page sends it back: the code's own id, which says nothing of the phone. */
export const ZTicket = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "ticket");

/**
 * Whether the code with this ticket has left for the phone (SPEC §6): the page tells the citizen
 * when it has not after 30 s. Only the applicant's own ticket answers; any other is "waiting".
 */
export async function otpDelivery(
  deps: Deps,
  applicantId: string,
  ticket: string,
): Promise<"sent" | "waiting" | "failed"> {
  const [row] = await deps.database.db
    .select({ id: otpCodes.id })
    .from(otpCodes)
    .where(and(eq(otpCodes.id, ticket), eq(otpCodes.applicantId, applicantId)));
  return row ? smsState(deps, otpMessageKey(row.id)) : "waiting";
}

/** Checks a code; 5 wrong tries spend it. A right code proves the applicant. */
export async function verifyOtp(
  deps: Deps,
  applicantId: string,
  code: string,
): Promise<RaterSession> {
  const outcome = await deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const [latest] = await tx
      .select()
      .from(otpCodes)
      .where(and(eq(otpCodes.applicantId, applicantId), isNull(otpCodes.consumedAt)))
      .orderBy(desc(otpCodes.createdAt))
      .limit(1);
    if (!latest || latest.expiresAt <= now) return "expired" as const;
    if (latest.attempts >= OTP.maxAttempts) return "spent" as const;
    if (deps.pii.digest("otp", `${latest.id}:${code.trim()}`) !== latest.codeHash) {
      await tx
        .update(otpCodes)
        .set({ attempts: latest.attempts + 1 })
        .where(eq(otpCodes.id, latest.id));
      return latest.attempts + 1 >= OTP.maxAttempts ? ("spent" as const) : ("wrong" as const);
    }
    await tx.update(otpCodes).set({ consumedAt: now }).where(eq(otpCodes.id, latest.id));
    return "ok" as const;
  });
  if (outcome === "ok") return { applicantId, proof: "otp" };
  const message = {
    expired: "验证码已过期，请重新获取",
    spent: "错误次数过多，请重新获取验证码",
    wrong: "验证码不正确，请重新输入",
  }[outcome];
  throw new DomainError("invalid", message, { reason: outcome });
}
