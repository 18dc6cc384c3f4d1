import "server-only";

import { and, desc, eq, gte, or, sql } from "drizzle-orm";

import { applicants, otpCodes, signInFailures } from "@/db/schema";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { idHashFromToken } from "../identity/oidc.service";
import { otpDelivery, requestOtp, verifyOtp } from "../identity/otp.service";
import { newId } from "../ids";
import { maskPhone } from "../privacy/mask";
import type { MeSession } from "./me.session";

/** A mainland mobile number, as people type it (spaces and dashes allowed). */
export function normalPhone(input: string): string {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^1[3-9]\d{9}$/.test(digits))
    throw new DomainError("invalid", "请输入 11 位手机号", { reason: "phone" });
  return digits;
}

/** The newest applicant registered with this phone: the SMS code is theirs (the same code and limits as the rating page). */
async function applicantWithPhone(deps: Deps, phoneHash: string): Promise<string | null> {
  const [a] = await deps.database.db
    .select({ id: applicants.id })
    .from(applicants)
    .where(eq(applicants.phoneHash, phoneHash))
    .orderBy(desc(applicants.createdAt))
    .limit(1);
  return a?.id ?? null;
}

/**
 * 获取验证码 at /me: a one-time code to a phone on file, through otp.service (60 s, daily cap,
 * per-address cap). A phone on no case gets the same answer and no SMS, so the page cannot be
 * used to learn whether a number has cases here.
 */
export async function sendMeCode(
  deps: Deps,
  phoneInput: string,
  clientAddress: string,
): Promise<{ maskedPhone: string; ticket: string }> {
  const phone = normalPhone(phoneInput);
  const applicantId = await applicantWithPhone(deps, deps.pii.blindIndex("phone", phone));
  // a phone on no case gets a ticket of the same form, which never names a code
  const ticket = applicantId
    ? (await requestOtp(deps, applicantId, clientAddress)).ticket
    : newId(deps.clock.now());
  return { maskedPhone: maskPhone(phone), ticket };
}

/**
 * Whether the code under `ticket` has left. A ticket that names no code of this phone answers
 * "sent", as the page's words already say: "if this number was used for a case, a code was sent".
 */
export async function meCodeState(
  deps: Deps,
  phoneInput: string,
  ticket: string,
): Promise<"sent" | "waiting" | "failed"> {
  const applicantId = await applicantWithPhone(
    deps,
    deps.pii.blindIndex("phone", normalPhone(phoneInput)),
  );
  if (!applicantId) return "sent";
  const [code] = await deps.database.db
    .select({ id: otpCodes.id })
    .from(otpCodes)
    .where(and(eq(otpCodes.id, ticket), eq(otpCodes.applicantId, applicantId)));
  return code ? otpDelivery(deps, applicantId, ticket) : "sent";
}

/** Wrong /me codes a phone may be sent, and an address may send, within an hour (issue 24). */
export const ME_CODE_LIMITS = { perPhone: 10, perClient: 50, windowMs: 3600_000 } as const;

/**
 * 验证: the code proves the phone, and the session names the phone (by its blind index) only.
 * Every failure answers the same sentence — a wrong code, an expired or spent one, a phone on no
 * case — so the page tells nobody which phones have cases here; and tries are limited per phone
 * and per address, so codes cannot be guessed across many sends.
 */
export async function verifyMeCode(
  deps: Deps,
  phoneInput: string,
  code: string,
  clientAddress = "direct",
): Promise<MeSession> {
  const phone = normalPhone(phoneInput);
  const hash = deps.pii.blindIndex("phone", phone);
  const tries = {
    loginHash: deps.pii.digest("me-code", phone),
    clientHash: deps.pii.digest("me client", clientAddress),
  };
  const now = deps.clock.now();
  const since = now - ME_CODE_LIMITS.windowMs;
  const [counts] = await deps.database.db
    .select({
      phone: sql<number>`coalesce(sum(${signInFailures.loginHash} = ${tries.loginHash}), 0)`,
      client: sql<number>`coalesce(sum(${signInFailures.clientHash} = ${tries.clientHash}), 0)`,
    })
    .from(signInFailures)
    .where(
      and(
        gte(signInFailures.at, since),
        eq(signInFailures.reason, "wrong_code"),
        or(
          eq(signInFailures.loginHash, tries.loginHash),
          eq(signInFailures.clientHash, tries.clientHash),
        ),
      ),
    );
  if (
    (counts?.phone ?? 0) >= ME_CODE_LIMITS.perPhone ||
    (counts?.client ?? 0) >= ME_CODE_LIMITS.perClient
  ) {
    throw new DomainError("too_many_requests", "验证码错误次数过多，请一小时后再试", {
      reason: "code_tries",
    });
  }
  const applicantId = await applicantWithPhone(deps, hash);
  try {
    if (!applicantId) throw new DomainError("invalid", "no case");
    await verifyOtp(deps, applicantId, code);
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== "invalid") throw e;
    await deps.database.write((tx) =>
      tx
        .insert(signInFailures)
        .values({ id: newId(now), at: now, ...tries, accountId: null, reason: "wrong_code" }),
    );
    throw new DomainError("invalid", "验证码不正确或已失效，请重新输入，或重新获取验证码", {
      reason: "invalid_code",
    });
  }
  return { kind: "phone", hash, masked: maskPhone(phone) };
}

/** Inside the provincial app: its id_token proves an ID number; the list is that number's cases. */
export async function meFromIdToken(deps: Deps, idToken: string): Promise<MeSession> {
  const { idHash, maskedId } = await idHashFromToken(deps, idToken);
  return { kind: "id", hash: idHash, masked: maskedId };
}
