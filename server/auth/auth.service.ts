import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gte } from "drizzle-orm";
import { accounts, signInFailures } from "@/db/schema";
import { audit, type Actor } from "../audit/audit.service";
import { cookieKey, type Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { signedCookie } from "../signed-cookie";
import { LOGIN_LOOKBACK_MS, lockedUntil, minutesLeft, SIGN_IN, signInRefusal, type FailureReason } from "./sign-in.rules";

export interface StaffSession {
  accountId: string;
  role: "staff" | "org_admin" | "bureau";
  staffId: string | null;
  orgId: string | null;
  displayName: string;
}

const ROLES = accounts.role.enumValues;

/** A staff sign-in: 8 hours. */
const staffSession = signedCookie<StaffSession>({
  name: "hcp_staff",
  ttlS: 8 * 3600,
  sameSite: "Lax",
  key: (deps) => cookieKey(deps, "hcp staff session"),
  toClaims: (s) => ({ sub: s.accountId, r: s.role, s: s.staffId, o: s.orgId, n: s.displayName }),
  fromClaims: (p) => {
    const role = ROLES.find((r) => r === p.r);
    if (!role) return null;
    return {
      accountId: p.sub,
      role,
      staffId: (p.s as string | null) ?? null,
      orgId: (p.o as string | null) ?? null,
      displayName: typeof p.n === "string" ? p.n : "",
    };
  },
});

export const STAFF_COOKIE = staffSession.name;
export const readStaffSession = staffSession.read;
export const staffCookie = staffSession.header;

// a hash to verify against when the login is unknown, so both answers take the same time
let dummy: Promise<string> | undefined;

/** Who fails to sign in: nobody yet. */
const ANONYMOUS: Actor = { id: "anonymous", name: "未登录" };

const WRONG = "工号或密码不正确";
const lockedMessage = (minutes: number) => `密码错误次数过多，该账号已锁定，请 ${minutes} 分钟后再试`;

interface Attempt {
  loginHash: string;
  clientHash: string;
  account: { id: string; orgId: string | null } | null;
}

/**
 * One failure: a row for the limits and an audit row for people (SPEC §9: every failed sign-in),
 * committed together. Neither holds the password, the address or an unknown login's text (it may
 * be a password typed into the wrong box): digests only.
 */
async function recordFailure(deps: Deps, attempt: Attempt, reason: FailureReason): Promise<void> {
  const now = deps.clock.now();
  await deps.database.write(async (tx) => {
    await tx
      .insert(signInFailures)
      .values({ id: newId(now), at: now, loginHash: attempt.loginHash, accountId: attempt.account?.id ?? null, clientHash: attempt.clientHash, reason });
    await audit(
      deps,
      ANONYMOUS,
      {
        action: "auth.sign_in_failed",
        target: attempt.account ? `account:${attempt.account.id}` : null,
        orgId: attempt.account?.orgId ?? null,
        detail: { reason, login: attempt.loginHash.slice(0, 16), client: attempt.clientHash.slice(0, 16) },
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
      .where(and(eq(signInFailures.loginHash, attempt.loginHash), gte(signInFailures.at, now - LOGIN_LOOKBACK_MS))),
    db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.clientHash, attempt.clientHash), gte(signInFailures.at, now - SIGN_IN.perAddressWindowMs))),
  ]);
  return { byLogin, byAddress: byAddress.map((r) => r.at) };
}

/**
 * 工号 (or admin login) and password → a signed 8-hour staff session, for /staff, /admin and a
 * screen's enrolment alike. Limited (issue 17): a locked login is refused before its password is
 * checked, and the fifth wrong password answers the lock at once. Two guesses racing past the
 * count may make it six; the lock still follows.
 */
export async function signIn(deps: Deps, login: string, password: string, clientAddress = "direct"): Promise<{ session: StaffSession; token: string }> {
  const name = login.trim();
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.login, name));
  const attempt: Attempt = {
    loginHash: deps.pii.digest("sign-in login", name),
    clientHash: deps.pii.digest("client", clientAddress),
    account: a ? { id: a.id, orgId: a.orgId } : null,
  };
  const before = await recentFailures(deps, attempt, deps.clock.now());
  const refusal = signInRefusal(before.byLogin, before.byAddress, deps.clock.now());
  if (refusal) {
    await recordFailure(deps, attempt, refusal.reason);
    const message = refusal.reason === "locked" ? lockedMessage(minutesLeft(refusal.until, deps.clock.now())) : "登录失败次数过多，请稍后再试";
    throw new DomainError("too_many_requests", message, { reason: refusal.reason });
  }
  dummy ??= hash("not a real password");
  const ok = await verify(a?.passwordHash ?? (await dummy), password).catch(() => false);
  if (!a || !ok || !a.active) {
    const reason: FailureReason = !a ? "unknown_login" : !ok ? "wrong_password" : "inactive";
    await recordFailure(deps, attempt, reason);
    const now = deps.clock.now();
    const until = lockedUntil([...before.byLogin, { at: now, reason }]);
    if (until !== null && now < until) throw new DomainError("too_many_requests", lockedMessage(minutesLeft(until, now)), { reason: "locked" });
    throw new DomainError("unauthenticated", WRONG);
  }
  const session: StaffSession = { accountId: a.id, role: a.role, staffId: a.staffId, orgId: a.orgId, displayName: a.displayName };
  return { session, token: await staffSession.sign(deps, session) };
}
