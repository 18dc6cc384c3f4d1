import "server-only";

import { hash, verify } from "@node-rs/argon2";
import { desc, eq } from "drizzle-orm";

import { accounts, passwordHistory } from "@/db/schema";
import type { Tx } from "@/db/types";

import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { passwordProblem, REUSE_LIMIT } from "./password.rules";
import { SET_BY_BUREAU } from "./session.rules";
import { endSessions, type StaffSession } from "./sessions.service";
import { type Client, signInEvent } from "./sign-in-events";

/**
 * A new password for an account, checked against the rules (SPEC §8): length and classes, and
 * not one of its last five (the current one and four kept hashes). Answers the new hash.
 */
export async function newPasswordHash(
  deps: Deps,
  accountId: string,
  currentHash: string,
  password: string,
): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError("invalid", problem, { field: "password" });
  const previous = await deps.database.db
    .select({ h: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.retiredAt))
    .limit(REUSE_LIMIT - 1);
  for (const h of [currentHash, ...previous.map((p) => p.h)]) {
    if (await verify(h, password).catch(() => false)) {
      throw new DomainError("invalid", `新密码不能与最近 ${REUSE_LIMIT} 次使用过的密码相同`, {
        field: "password",
      });
    }
  }
  return hash(password);
}

/**
 * Keeps the old hash for the reuse rule and sets the new one, dated (the age rule counts from
 * here), or dated SET_BY_BUREAU when the bureau chose it.
 */
export async function storePassword(
  deps: Deps,
  tx: Tx,
  accountId: string,
  oldHash: string,
  newHash: string,
  by: "owner" | "bureau" = "owner",
): Promise<void> {
  const now = deps.clock.now();
  await tx
    .insert(passwordHistory)
    .values({ id: newId(now), accountId, passwordHash: oldHash, retiredAt: now });
  await tx
    .update(accounts)
    .set({ passwordHash: newHash, passwordChangedAt: by === "bureau" ? SET_BY_BUREAU : now })
    .where(eq(accounts.id, accountId));
}

/**
 * 修改密码 in 账号设置, or at sign-in when the old one is too old: the account's other sessions end
 * (someone who knew the old password is out), the current one stays.
 */
export async function changePassword(
  deps: Deps,
  who: Pick<StaffSession, "accountId" | "sessionId">,
  input: { current: string | null; password: string },
  client: Client,
): Promise<void> {
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.id, who.accountId));
  if (!a) throw new DomainError("not_found", "找不到这个账号");
  if (input.current !== null && !(await verify(a.passwordHash, input.current).catch(() => false))) {
    throw new DomainError("invalid", "当前密码不正确", { field: "current" });
  }
  const newHash = await newPasswordHash(deps, a.id, a.passwordHash, input.password);
  await deps.database.write(async (tx) => {
    await storePassword(deps, tx, a.id, a.passwordHash, newHash);
    await endSessions(
      deps,
      { accountId: a.id, ...(who.sessionId ? { except: who.sessionId } : {}) },
      "password_changed",
      client,
      undefined,
      tx,
    );
    await signInEvent(deps, tx, { accountId: a.id, kind: "password_changed", client });
    await audit(
      deps,
      { id: a.id, name: a.displayName },
      { action: "account.change_password", target: `account:${a.login}`, orgId: a.orgId },
      tx,
    );
  });
}
