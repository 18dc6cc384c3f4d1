import "server-only";

import { and, eq, gte } from "drizzle-orm";

import { type accounts, signInFailures } from "@/db/schema";

import { type Actor, audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import {
  type FailureReason,
  lockedUntil,
  LOGIN_LOOKBACK_MS,
  minutesLeft,
  SIGN_IN,
  signInRefusal,
} from "./sign-in.rules";
import { type Client, signInEvent } from "./sign-in-events";

/**
 * The sign-in limits of issue 17 applied to one guess, a password or a second factor (the rules
 * are in sign-in.rules.ts): the failures they count, where they are written, and the refusals.
 */
type Account = typeof accounts.$inferSelect;

/** Who fails to sign in: nobody yet. */
const ANONYMOUS: Actor = { id: "anonymous", name: "未登录" };

const lockedMessage = (minutes: number) =>
  `密码或动态口令错误次数过多，该账号已锁定，请 ${minutes} 分钟后再试`;

export interface Attempt {
  loginHash: string;
  clientHash: string;
  account: { id: string; orgId: string | null } | null;
  client: Client;
}

export const attemptOf = (
  deps: Deps,
  login: string,
  a: Account | undefined,
  client: Client,
): Attempt => ({
  loginHash: deps.pii.digest("sign-in login", login),
  clientHash: deps.pii.digest("client", client.address),
  account: a ? { id: a.id, orgId: a.orgId } : null,
  client,
});

/**
 * One failure: a row for the limits, a line of the account's sign-in history and an audit row for
 * people (SPEC §9: every failed sign-in), committed together. The limits and the audit hold digests
 * only (no password, no address, no unknown login's text: it may be a password typed into the
 * wrong box); the history seals the address. `locks`: this failure starts a lock.
 */
async function recordFailure(
  deps: Deps,
  attempt: Attempt,
  reason: FailureReason,
  locks = false,
): Promise<void> {
  const now = deps.clock.now();
  const accountId = attempt.account?.id ?? null;
  await deps.database.write(async (tx) => {
    await tx.insert(signInFailures).values({
      id: newId(now),
      at: now,
      loginHash: attempt.loginHash,
      accountId,
      clientHash: attempt.clientHash,
      reason,
    });
    await signInEvent(deps, tx, {
      accountId,
      kind: reason === "wrong_totp" ? "code_failed" : "sign_in_failed",
      client: attempt.client,
      detail: { reason },
    });
    if (locks) await signInEvent(deps, tx, { accountId, kind: "locked", client: attempt.client });
    await audit(
      deps,
      ANONYMOUS,
      {
        action: "auth.sign_in_failed",
        target: attempt.account ? `account:${attempt.account.id}` : null,
        orgId: attempt.account?.orgId ?? null,
        detail: {
          reason,
          login: attempt.loginHash.slice(0, 16),
          client: attempt.clientHash.slice(0, 16),
        },
      },
      tx,
    );
  });
}

async function recentFailures(deps: Deps, attempt: Attempt, now: number) {
  const db = deps.database.db;
  const [byLogin, byAddress] = await Promise.all([
    db
      .select({ at: signInFailures.at, reason: signInFailures.reason })
      .from(signInFailures)
      .where(
        and(
          eq(signInFailures.loginHash, attempt.loginHash),
          gte(signInFailures.at, now - LOGIN_LOOKBACK_MS),
        ),
      ),
    db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(
        and(
          eq(signInFailures.clientHash, attempt.clientHash),
          gte(signInFailures.at, now - SIGN_IN.perAddressWindowMs),
        ),
      ),
  ]);
  return { byLogin, byAddress: byAddress.map((r) => r.at) };
}

/**
 * The limits of issue 17 around one guess (a password or a second factor): a locked login is
 * refused before its guess is checked, and the fifth wrong guess answers the lock at once. Two
 * guesses racing past the count may make it six; the lock still follows.
 */
export async function limited<T>(
  deps: Deps,
  attempt: Attempt,
  guess: () => Promise<
    { ok: true; value: T } | { ok: false; reason: FailureReason; message: string }
  >,
): Promise<T> {
  const before = await recentFailures(deps, attempt, deps.clock.now());
  const refusal = signInRefusal(before.byLogin, before.byAddress, deps.clock.now());
  if (refusal) {
    await recordFailure(deps, attempt, refusal.reason);
    const message =
      refusal.reason === "locked"
        ? lockedMessage(minutesLeft(refusal.until, deps.clock.now()))
        : "登录失败次数过多，请稍后再试";
    throw new DomainError("too_many_requests", message, { reason: refusal.reason });
  }
  const result = await guess();
  if (result.ok) return result.value;
  const now = deps.clock.now();
  const until = lockedUntil([...before.byLogin, { at: now, reason: result.reason }]);
  const locks = until !== null && now < until;
  await recordFailure(deps, attempt, result.reason, locks);
  if (locks)
    throw new DomainError("too_many_requests", lockedMessage(minutesLeft(until, now)), {
      reason: "locked",
    });
  throw new DomainError("unauthenticated", result.message, { reason: result.reason });
}
