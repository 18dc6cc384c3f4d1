import "server-only";

import { randomBytes } from "node:crypto";

import { and, desc, eq, isNull, lt, ne, or } from "drizzle-orm";

import { accounts, staffSessions } from "@/db/schema";
import type { Tx } from "@/db/types";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { getSettings } from "../settings/settings.service";
import { browserOf, type SessionLimits, sessionVerdict } from "./session.rules";
import { type Client, NO_CLIENT, signInEvent } from "./sign-in-events";

export interface StaffSession {
  accountId: string;
  role: "staff" | "org_admin" | "bureau";
  staffId: string | null;
  orgId: string | null;
  displayName: string;
  /** the row in staff_sessions (absent in tests that build a session by hand) */
  sessionId?: string;
  /** HCP_REQUIRE_2FA and no second factor yet: only 账号设置 until one is enrolled */
  mustEnrol?: boolean;
}

export type EndReason = NonNullable<(typeof staffSessions.$inferSelect)["endedReason"]>;

export const STAFF_COOKIE = "hcp_staff";
const ADMIN_ROLES = new Set(["org_admin", "bureau"]);
/** A session token as its row keeps it: the installation's suite's hash (SM3 under HCP_CRYPTO=gm, for 密评). */
const tokenHash = (deps: Pick<Deps, "pii">, token: string) => deps.pii.suite.hash(token);

export async function sessionLimits(deps: Deps): Promise<SessionLimits> {
  const s = await getSettings(deps, ["auth.idleMinutes", "auth.maxHours"]);
  return { idleMinutes: s["auth.idleMinutes"], maxHours: s["auth.maxHours"] };
}

/** The Set-Cookie of a session: it lives as long as the session may; an empty token with 0 clears it. */
export function sessionCookie(
  deps: Pick<Deps, "settings">,
  token: string,
  maxAgeS: number,
): string {
  const secure = deps.settings.secureCookies ? "; Secure" : "";
  return `${STAFF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure}`;
}

/** A new session for an account that has proved who it is; the token goes in the cookie, only its hash in the row. */
export async function startSession(
  deps: Deps,
  tx: Tx,
  accountId: string,
  client: Client,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = deps.clock.now();
  await tx.insert(staffSessions).values({
    id: newId(now),
    tokenHash: tokenHash(deps, token),
    accountId,
    createdAt: now,
    lastSeenAt: now,
    addressEnc: deps.pii.encrypt(client.address),
    browser: browserOf(client.userAgent),
  });
  await signInEvent(deps, tx, { accountId, kind: "sign_in", client });
  return token;
}

/**
 * The session a cookie names, or null: unknown, ended, idle past the limit, past its hours, or its
 * account disabled. One indexed read per request; last_seen is written at most once a minute.
 * A session found idle or expired is ended there and then, at the moment it ran out.
 */
export async function staffSessionOf(
  deps: Deps,
  token: string | undefined | null,
): Promise<StaffSession | null> {
  if (!token || token.length > 100) return null;
  const [[row], limits] = await Promise.all([
    deps.database.db
      .select({ s: staffSessions, a: accounts })
      .from(staffSessions)
      .innerJoin(accounts, eq(accounts.id, staffSessions.accountId))
      .where(eq(staffSessions.tokenHash, tokenHash(deps, token))),
    sessionLimits(deps),
  ]);
  if (!row || row.s.endedAt !== null) return null;
  const now = deps.clock.now();
  const verdict = sessionVerdict(row.s, now, limits);
  if (!verdict.live) {
    await endSessions(deps, { sessionId: row.s.id }, verdict.reason, NO_CLIENT, verdict.endedAt);
    return null;
  }
  if (!row.a.active) return null;
  if (verdict.touch) {
    await deps.database.write((tx) =>
      tx.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, row.s.id)),
    );
  }
  const { a } = row;
  return {
    accountId: a.id,
    role: a.role,
    staffId: a.staffId,
    orgId: a.orgId,
    displayName: a.displayName,
    sessionId: row.s.id,
    mustEnrol: deps.settings.require2fa && ADMIN_ROLES.has(a.role) && !a.totpSecretEnc,
  };
}

type Which = { sessionId: string } | { accountId: string; except?: string };

/**
 * Ends live sessions — one, or all of an account's but perhaps the current one — each with a line
 * in the sign-in history. Inside the caller's write when the end is part of an act (a disabled
 * account and its sessions end together).
 */
export async function endSessions(
  deps: Deps,
  which: Which,
  reason: EndReason,
  client: Client,
  at?: number,
  tx?: Tx,
): Promise<number> {
  const run = async (w: Tx) => {
    const where =
      "sessionId" in which
        ? and(eq(staffSessions.id, which.sessionId), isNull(staffSessions.endedAt))
        : and(
            eq(staffSessions.accountId, which.accountId),
            isNull(staffSessions.endedAt),
            which.except ? ne(staffSessions.id, which.except) : undefined,
          );
    const ended = await w
      .update(staffSessions)
      .set({ endedAt: at ?? deps.clock.now(), endedReason: reason })
      .where(where)
      .returning({ id: staffSessions.id, accountId: staffSessions.accountId });
    for (const s of ended)
      await signInEvent(deps, w, {
        accountId: s.accountId,
        kind: "session_ended",
        client,
        detail: { reason, session: s.id },
      });
    return ended.length;
  };
  return tx ? run(tx) : deps.database.write(run);
}

export interface SessionRow {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  address: string;
  browser: string;
  current: boolean;
}

/** An account's live sessions, newest first (a row idle or past its hours is not live, whether or not noticed yet). */
export async function liveSessions(
  deps: Deps,
  accountId: string,
  currentId?: string,
): Promise<SessionRow[]> {
  const [rows, limits] = await Promise.all([
    deps.database.db
      .select()
      .from(staffSessions)
      .where(and(eq(staffSessions.accountId, accountId), isNull(staffSessions.endedAt)))
      .orderBy(desc(staffSessions.createdAt)),
    sessionLimits(deps),
  ]);
  const now = deps.clock.now();
  return rows
    .filter((r) => sessionVerdict(r, now, limits).live)
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      address: deps.pii.decrypt(r.addressEnc),
      browser: r.browser,
      current: r.id === currentId,
    }));
}

/** 结束 on one of my sessions: only my own; another account's is not found, as if it did not exist. */
export async function endMySession(
  deps: Deps,
  session: StaffSession,
  id: string,
  client: Client,
): Promise<void> {
  const [row] = await deps.database.db
    .select({ accountId: staffSessions.accountId })
    .from(staffSessions)
    .where(eq(staffSessions.id, id));
  if (!row || row.accountId !== session.accountId)
    throw new DomainError("not_found", "找不到这个会话");
  await endSessions(
    deps,
    { sessionId: id },
    id === session.sessionId ? "sign_out" : "ended_by_owner",
    client,
  );
}

/** 退出登录: the session this cookie names ends now (a cookie already ended or unknown: nothing to do). */
export async function signOut(
  deps: Deps,
  token: string | undefined,
  client: Client,
): Promise<void> {
  if (!token || token.length > 100) return;
  const [row] = await deps.database.db
    .select({ id: staffSessions.id })
    .from(staffSessions)
    .where(eq(staffSessions.tokenHash, tokenHash(deps, token)));
  if (row) await endSessions(deps, { sessionId: row.id }, "sign_out", client);
}

/**
 * The sessions job: ends each live session that ran out without coming back (idle or past its
 * hours), at the moment it ran out, so the history records every end and an account's list stays
 * short. A few hundred at a time, in one write.
 */
export async function endRunOutSessions(deps: Deps): Promise<number> {
  const limits = await sessionLimits(deps);
  const now = deps.clock.now();
  const rows = await deps.database.db
    .select({
      id: staffSessions.id,
      createdAt: staffSessions.createdAt,
      lastSeenAt: staffSessions.lastSeenAt,
    })
    .from(staffSessions)
    .where(
      and(
        isNull(staffSessions.endedAt),
        or(
          lt(staffSessions.lastSeenAt, now - limits.idleMinutes * 60_000),
          lt(staffSessions.createdAt, now - limits.maxHours * 3_600_000),
        ),
      ),
    )
    .limit(500);
  const due = rows
    .map((r) => ({ id: r.id, verdict: sessionVerdict(r, now, limits) }))
    .filter((r) => !r.verdict.live);
  if (due.length === 0) return 0;
  await deps.database.write(async (tx) => {
    for (const { id, verdict } of due)
      if (!verdict.live)
        await endSessions(deps, { sessionId: id }, verdict.reason, NO_CLIENT, verdict.endedAt, tx);
  });
  return due.length;
}
