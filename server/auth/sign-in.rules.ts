/**
 * Sign-in limits for /staff and /admin (issue 17, DESIGN §4). Five wrong passwords for one login
 * lock it for 15 minutes, a correct password included. A client address is only capped loosely:
 * a busy hall is many people behind one NAT address, so the per-login lock carries the protection.
 */
export const SIGN_IN = {
  maxWrong: 5,
  /** the five wrong passwords must fall within this span */
  wrongWindowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAddress: 100,
  perAddressWindowMs: 10 * 60_000,
} as const;

/** How far back the failures of one login matter: a lock's five failures and the lock itself. */
export const LOGIN_LOOKBACK_MS = SIGN_IN.wrongWindowMs + SIGN_IN.lockMs;

/**
 * `wrong_code` is a wrong /me SMS code (server/me/me.signin.ts): never a guess at a staff login.
 * `wrong_totp` is a wrong 动态口令 or 恢复码 after a right password: a guess like a wrong password.
 */
export type FailureReason =
  | "wrong_password"
  | "unknown_login"
  | "inactive"
  | "locked"
  | "address_limit"
  | "wrong_code"
  | "wrong_totp";

/**
 * Failures that count towards a lock: a wrong guess, whether or not the login exists (so a lock
 * never tells which do), and a wrong second factor (SPEC §8: the same lockout as a wrong password).
 */
const GUESSES: ReadonlySet<FailureReason> = new Set([
  "wrong_password",
  "unknown_login",
  "inactive",
  "wrong_totp",
]);

/**
 * Until when a login is locked (ms), or null. Walks the failures in time order: five guesses
 * within 15 minutes start a lock of 15 minutes from the fifth; guesses refused during a lock are
 * not guesses (they were never checked), and counting starts again after it.
 */
export function lockedUntil(
  failures: readonly { at: number; reason: FailureReason }[],
): number | null {
  let until: number | null = null;
  let run: number[] = [];
  for (const f of [...failures].sort((a, b) => a.at - b.at)) {
    if (!GUESSES.has(f.reason) || (until !== null && f.at < until)) continue;
    run = [...run.filter((t) => f.at - t < SIGN_IN.wrongWindowMs), f.at];
    if (run.length >= SIGN_IN.maxWrong) {
      until = f.at + SIGN_IN.lockMs;
      run = [];
    }
  }
  return until;
}

export type SignInRefusal = { reason: "locked"; until: number } | { reason: "address_limit" };

/** Whether a sign-in may be tried now, from this login's recent failures and this address's. */
export function signInRefusal(
  loginFailures: readonly { at: number; reason: FailureReason }[],
  addressFailures: readonly number[],
  now: number,
): SignInRefusal | null {
  const until = lockedUntil(loginFailures);
  if (until !== null && now < until) return { reason: "locked", until };
  if (
    addressFailures.filter((t) => now - t < SIGN_IN.perAddressWindowMs).length >= SIGN_IN.perAddress
  )
    return { reason: "address_limit" };
  return null;
}

/** Minutes left, rounded up, for the message ("请 15 分钟后再试"). */
export function minutesLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 60_000));
}
