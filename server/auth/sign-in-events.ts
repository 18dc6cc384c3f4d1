import "server-only";
import { desc, eq } from "drizzle-orm";
import { accounts, signInEvents } from "@/db/schema";
import type { Tx } from "@/db/types";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { browserOf } from "./session.rules";

/** Who is at the other end of a sign-in or a session: the address and the browser's user agent. */
export interface Client {
  address: string;
  userAgent: string | null;
}

export const NO_CLIENT: Client = { address: "direct", userAgent: null };

export const SIGN_IN_EVENT = {
  sign_in: "登录成功",
  sign_in_failed: "登录失败",
  locked: "账号锁定",
  code_failed: "动态口令错误",
  recovery_code_used: "使用恢复码",
  second_factor_on: "开启两步验证",
  second_factor_reset: "重置两步验证",
  password_changed: "修改密码",
  session_ended: "会话结束",
} as const;
export type SignInEventKind = keyof typeof SIGN_IN_EVENT;

/** One line of the sign-in history (SPEC §8), in the write it belongs to; the address sealed like PII. */
export async function signInEvent(
  deps: Deps,
  tx: Tx,
  e: { accountId: string | null; kind: SignInEventKind; client: Client; detail?: Record<string, unknown> },
): Promise<void> {
  const now = deps.clock.now();
  await tx.insert(signInEvents).values({
    id: newId(now),
    at: now,
    accountId: e.accountId,
    kind: e.kind,
    addressEnc: deps.pii.encrypt(e.client.address),
    browser: browserOf(e.client.userAgent),
    detail: e.detail ? JSON.stringify(e.detail) : null,
  });
}

export interface HistoryRow {
  id: string;
  at: number;
  login: string | null;
  displayName: string | null;
  what: string;
  address: string;
  browser: string;
  detail: string | null;
}

/** The newest first (on the (account, at) or (at) index); one account's or, for the bureau, everyone's. */
export async function signInHistory(deps: Deps, q: { accountId?: string; limit?: number }): Promise<HistoryRow[]> {
  const where = q.accountId ? eq(signInEvents.accountId, q.accountId) : undefined;
  const rows = await deps.database.db
    .select({ e: signInEvents, login: accounts.login, displayName: accounts.displayName })
    .from(signInEvents)
    .leftJoin(accounts, eq(accounts.id, signInEvents.accountId))
    .where(where)
    .orderBy(desc(signInEvents.at))
    .limit(q.limit ?? 100);
  return rows.map(({ e, login, displayName }) => ({
    id: e.id,
    at: e.at,
    login,
    displayName,
    what: SIGN_IN_EVENT[e.kind as SignInEventKind] ?? e.kind,
    address: deps.pii.decrypt(e.addressEnc),
    browser: e.browser,
    detail: e.detail,
  }));
}
