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

/** Why a session ended or a sign-in failed, in the words the history shows beside the event. */
const REASON: Record<string, string> = {
  sign_out: "退出登录",
  idle: "长时间未操作",
  expired: "超过最长登录时间",
  ended_by_owner: "本人结束",
  ended_by_bureau: "管理局结束",
  password_changed: "密码已更改",
  disabled: "账号停用",
  org_changed: "所属机构变更",
  second_factor_reset: "两步验证已重置",
  wrong_password: "密码错误",
  unknown_login: "账号不存在",
  inactive: "账号已停用",
  locked: "账号锁定中",
  address_limit: "本地址失败次数过多",
  wrong_totp: "动态口令或恢复码错误",
};

/** "direct": the server itself (an idle session noticed on a later request), or a call from no browser. */
const shownAddress = (a: string) => (a === NO_CLIENT.address ? "—" : a);

function described(kind: string, detail: string | null): string {
  const what = SIGN_IN_EVENT[kind as SignInEventKind] ?? kind;
  const reason = detail ? (JSON.parse(detail) as { reason?: string }).reason : undefined;
  const why = reason ? REASON[reason] : undefined;
  return why ? `${what}（${why}）` : what;
}

/** One line of the sign-in history (SPEC §8), in the write it belongs to; the address sealed like PII. */
export async function signInEvent(
  deps: Deps,
  tx: Tx,
  e: {
    accountId: string | null;
    kind: SignInEventKind;
    client: Client;
    detail?: Record<string, unknown>;
  },
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
export async function signInHistory(
  deps: Deps,
  q: { accountId?: string; limit?: number },
): Promise<HistoryRow[]> {
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
    what: described(e.kind, e.detail),
    address: shownAddress(deps.pii.decrypt(e.addressEnc)),
    browser: e.browser,
    detail: e.detail,
  }));
}
