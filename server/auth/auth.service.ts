import "server-only";

import { hash, verify } from "@node-rs/argon2";
import { eq } from "drizzle-orm";

import { accounts } from "@/db/schema";

import { cookieKey, type Deps } from "../deps";
import { DomainError } from "../errors";
import { getSetting } from "../settings/settings.service";
import { signedCookie } from "../signed-cookie";
import { isDemoPassword } from "./demo-passwords";
import { changePassword } from "./password.service";
import { passwordExpired } from "./session.rules";
import { sessionLimits, type StaffSession, startSession } from "./sessions.service";
import { attemptOf, limited } from "./sign-in.limits";
import { type Client, NO_CLIENT, signInEvent } from "./sign-in-events";
import { spendSecondFactor } from "./totp.service";

export type { StaffSession } from "./sessions.service";
export { STAFF_COOKIE } from "./sessions.service";

type Account = typeof accounts.$inferSelect;

/**
 * Between the password and the session (SPEC §8): the account has given a right password and
 * still owes a 动态口令, or a new password because the old one is too old. Five minutes, signed,
 * Strict; it opens nothing but the next step.
 */
interface Pending {
  accountId: string;
  next: "code" | "new_password";
  /** the password is too old: after the code, a new one */
  expired: boolean;
}
const pending = signedCookie<Pending>({
  name: "hcp_signin",
  ttlS: 300,
  sameSite: "Strict",
  key: (deps) => cookieKey(deps, "hcp pending sign-in"),
  toClaims: (p) => ({ sub: p.accountId, nx: p.next, x: p.expired }),
  fromClaims: (c) =>
    c.nx === "code" || c.nx === "new_password"
      ? { accountId: c.sub, next: c.nx, expired: c.x === true }
      : null,
});
export const PENDING_COOKIE = pending.name;
export const pendingCookie = pending.header;

export type SignInStep =
  | { step: "done"; session: StaffSession; token: string }
  | { step: "code" | "new_password"; pending: string };

// a hash to verify against when the login is unknown, so both answers take the same time
let dummy: Promise<string> | undefined;

const WRONG = "工号或密码不正确";
const TIMED_OUT = "登录已超时，请重新输入账号和密码";

/** 工号 (or admin login) and password, within the limits: the account, for sign-in and for a screen's enrolment alike. */
export async function checkPassword(
  deps: Deps,
  login: string,
  password: string,
  client: Client = NO_CLIENT,
): Promise<Account> {
  const name = login.trim();
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.login, name));
  return limited(deps, attemptOf(deps, name, a, client), async () => {
    dummy ??= hash("not a real password");
    const ok = await verify(a?.passwordHash ?? (await dummy), password).catch(() => false);
    if (a && ok && a.active) return { ok: true, value: a };
    return {
      ok: false,
      reason: !a ? "unknown_login" : !ok ? "wrong_password" : "inactive",
      message: WRONG,
    };
  });
}

/** The account is who it says: a session in the database, its token for the cookie. */
async function done(deps: Deps, a: Account, client: Client): Promise<SignInStep> {
  const token = await deps.database.write((tx) => startSession(deps, tx, a.id, client));
  const session: StaffSession = {
    accountId: a.id,
    role: a.role,
    staffId: a.staffId,
    orgId: a.orgId,
    displayName: a.displayName,
  };
  return { step: "done", session, token };
}

const step = async (deps: Deps, p: Pending): Promise<SignInStep> => ({
  step: p.next,
  pending: await pending.sign(deps, p),
});

/**
 * The first step of a sign-in (SPEC §8): 账号 and 密码; then, for an account with a second factor,
 * its 动态口令 or a 恢复码; then, if the password is older than the bureau allows, a new one. The
 * demo's seeded passwords never age, in the demo only.
 */
export async function signIn(
  deps: Deps,
  login: string,
  password: string,
  client: Client = NO_CLIENT,
): Promise<SignInStep> {
  const a = await checkPassword(deps, login, password, client);
  const exempt = deps.settings.demo && isDemoPassword(a.login, password);
  const expired =
    !exempt &&
    passwordExpired(
      a.passwordChangedAt,
      deps.clock.now(),
      await getSetting(deps, "auth.passwordMaxAgeDays"),
    );
  if (a.totpSecretEnc && a.role !== "staff")
    return step(deps, { accountId: a.id, next: "code", expired });
  if (expired) return step(deps, { accountId: a.id, next: "new_password", expired });
  return done(deps, a, client);
}

async function pendingAccount(
  deps: Deps,
  token: string | undefined,
  next: Pending["next"],
): Promise<{ p: Pending; a: Account }> {
  const p = pending.read(deps, token);
  if (!p || p.next !== next)
    throw new DomainError("unauthenticated", TIMED_OUT, { reason: "timed_out" });
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.id, p.accountId));
  if (!a || !a.active) throw new DomainError("unauthenticated", TIMED_OUT, { reason: "timed_out" });
  return { p, a };
}

/** 动态口令 (or a 恢复码): a wrong or replayed one counts toward the same lock as a wrong password. */
export async function verifyCode(
  deps: Deps,
  pendingToken: string | undefined,
  code: string,
  client: Client = NO_CLIENT,
): Promise<SignInStep> {
  const { p, a } = await pendingAccount(deps, pendingToken, "code");
  const spent = await limited(deps, attemptOf(deps, a.login, a, client), async () => {
    const r = await spendSecondFactor(deps, a.id, code);
    if (r === "totp" || r === "recovery") return { ok: true, value: r };
    const message =
      r === "replayed"
        ? "这个动态口令已经用过，请等验证器显示下一个再输入"
        : "动态口令或恢复码不正确";
    return { ok: false, reason: "wrong_totp", message };
  });
  if (spent === "recovery")
    await deps.database.write((tx) =>
      signInEvent(deps, tx, { accountId: a.id, kind: "recovery_code_used", client }),
    );
  if (p.expired) return step(deps, { accountId: a.id, next: "new_password", expired: true });
  return done(deps, a, client);
}

/** A new password in place of one past its age, at sign-in; then the session. */
export async function renewPassword(
  deps: Deps,
  pendingToken: string | undefined,
  password: string,
  client: Client = NO_CLIENT,
): Promise<SignInStep> {
  const { a } = await pendingAccount(deps, pendingToken, "new_password");
  await changePassword(deps, { accountId: a.id }, { current: null, password }, client);
  return done(deps, a, client);
}

export const sessionMaxAgeS = async (deps: Deps) => (await sessionLimits(deps)).maxHours * 3600;
