import "server-only";

import { hash } from "@node-rs/argon2";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { accounts, orgs, staff } from "@/db/schema";

import { type ActorCtx, type AdminCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { passwordProblem } from "../auth/password.rules";
import { newPasswordHash, storePassword } from "../auth/password.service";
import { SET_BY_BUREAU } from "../auth/session.rules";
import { type EndReason, endSessions } from "../auth/sessions.service";
import { type Client, NO_CLIENT } from "../auth/sign-in-events";
import { resetSecondFactor } from "../auth/totp.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { fieldError, optionalText, parseForm, text } from "./fields";

/**
 * Sign-in accounts of window staff and org admins (the bureau's own accounts are made by setup).
 * Passwords are argon2id hashes as at sign-in (server/auth), under the same rules, and one the
 * bureau sets is changed by its owner at the first sign-in; a password never reaches the audit
 * log. Disabling an account, setting its password, moving it to another org or resetting its
 * second factor ends its sessions at once (SPEC §8), in the same write as the change.
 */
const password = z.string({ error: "密码：请填写" }).superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  // the form's style, 密码：<the rule>: the rule's sentence starts with 密码 already
  if (problem) ctx.addIssue({ code: "custom", message: `密码：${problem.replace(/^密码/, "")}` });
});

const ZCreate = z.object({
  login: z
    .string({ error: "账号：请填写" })
    .trim()
    .min(3, "账号：至少 3 个字符")
    .max(64, "账号：不能超过 64 个字符")
    .regex(/^[A-Za-z0-9._-]+$/, "账号：只能用字母、数字和 . _ -"),
  role: z.enum(["staff", "org_admin"], { error: "角色：请选择窗口工作人员或机构管理员" }),
  displayName: text("显示名称", 50),
  staffNo: optionalText("工号", 32),
  orgCode: optionalText("机构代码", 64),
  password,
});

export async function listAccounts(deps: Deps) {
  return deps.database.db
    .select({
      id: accounts.id,
      login: accounts.login,
      role: accounts.role,
      displayName: accounts.displayName,
      active: accounts.active,
      orgName: orgs.name,
      staffNo: staff.staffNo,
      createdAt: accounts.createdAt,
      secondFactor: sql<boolean>`${accounts.totpSecretEnc} is not null`.mapWith(Boolean),
    })
    .from(accounts)
    .leftJoin(orgs, eq(orgs.id, accounts.orgId))
    .leftJoin(staff, eq(staff.id, accounts.staffId))
    .orderBy(asc(accounts.role), asc(accounts.login));
}

export async function createAccount(
  { deps, actor }: ActorCtx,
  input: unknown,
): Promise<{ id: string }> {
  const f = parseForm(ZCreate, input);
  const passwordHash = await hash(f.password);
  return deps.database.write(async (tx) => {
    const [taken] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.login, f.login));
    if (taken) throw fieldError("login", `账号：${f.login} 已存在`);
    let staffId: string | null = null;
    let orgId: string | null = null;
    if (f.role === "staff") {
      if (!f.staffNo) throw fieldError("staffNo", "工号：窗口工作人员账号须填写工号");
      const [s] = await tx
        .select({ id: staff.id, orgId: staff.orgId, retiredAt: staff.retiredAt })
        .from(staff)
        .where(eq(staff.staffNo, f.staffNo));
      if (!s || s.retiredAt !== null)
        throw fieldError("staffNo", `工号：找不到在岗的工作人员 ${f.staffNo}`);
      staffId = s.id;
      orgId = s.orgId;
    } else {
      if (!f.orgCode) throw fieldError("orgCode", "机构代码：机构管理员账号须填写所管理的机构");
      const [o] = await tx
        .select({ id: orgs.id, retiredAt: orgs.retiredAt })
        .from(orgs)
        .where(eq(orgs.code, f.orgCode));
      if (!o || o.retiredAt !== null)
        throw fieldError("orgCode", `机构代码：找不到机构 ${f.orgCode}`);
      orgId = o.id;
    }
    const now = deps.clock.now();
    const id = newId(now);
    await tx.insert(accounts).values({
      id,
      login: f.login,
      passwordHash,
      role: f.role,
      displayName: f.displayName,
      staffId,
      orgId,
      active: true,
      createdAt: now,
      passwordChangedAt: SET_BY_BUREAU,
    });
    await audit(
      deps,
      actor,
      { action: "account.create", target: `account:${f.login}`, orgId, detail: { role: f.role } },
      tx,
    );
    return { id };
  });
}

export async function resetPassword(
  { deps, actor }: ActorCtx,
  input: unknown,
  client: Client = NO_CLIENT,
): Promise<void> {
  const f = parseForm(z.object({ id: z.string().min(1).max(64), password }), input);
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.id, f.id));
  if (!a) throw new DomainError("not_found", "找不到这个账号");
  const passwordHash = await newPasswordHash(deps, a.id, a.passwordHash, f.password);
  await deps.database.write(async (tx) => {
    await storePassword(deps, tx, a.id, a.passwordHash, passwordHash, "bureau");
    await endSessions(deps, { accountId: a.id }, "password_changed", client, undefined, tx);
    await audit(
      deps,
      actor,
      { action: "account.reset_password", target: `account:${a.login}`, orgId: a.orgId },
      tx,
    );
  });
}

export async function setAccountActive(
  { deps, actor, staff: session }: Pick<AdminCtx, "deps" | "actor" | "staff">,
  input: unknown,
  client: Client = NO_CLIENT,
): Promise<void> {
  const f = parseForm(
    z.object({ id: z.string().min(1).max(64), active: z.boolean(), reason: text("原因", 500) }),
    input,
  );
  if (f.id === session.accountId && !f.active)
    throw fieldError("id", "账号：不能停用自己正在使用的账号");
  await deps.database.write(async (tx) => {
    const [a] = await tx
      .select({ login: accounts.login, orgId: accounts.orgId })
      .from(accounts)
      .where(eq(accounts.id, f.id));
    if (!a) throw new DomainError("not_found", "找不到这个账号");
    await tx.update(accounts).set({ active: f.active }).where(eq(accounts.id, f.id));
    if (!f.active) await endSessions(deps, { accountId: f.id }, "disabled", client, undefined, tx);
    await audit(
      deps,
      actor,
      {
        action: f.active ? "account.enable" : "account.disable",
        target: `account:${a.login}`,
        orgId: a.orgId,
        reason: f.reason,
      },
      tx,
    );
  });
}

/** An org admin moves to another org: what it may see changes, so it signs in again. */
export async function setAccountOrg(
  { deps, actor }: ActorCtx,
  input: unknown,
  client: Client = NO_CLIENT,
): Promise<void> {
  const f = parseForm(
    z.object({ id: z.string().min(1).max(64), orgCode: text("机构代码", 64) }),
    input,
  );
  await deps.database.write(async (tx) => {
    const [a] = await tx
      .select({ login: accounts.login, role: accounts.role, orgId: accounts.orgId })
      .from(accounts)
      .where(eq(accounts.id, f.id));
    if (!a) throw new DomainError("not_found", "找不到这个账号");
    if (a.role !== "org_admin")
      throw fieldError(
        "orgCode",
        "机构代码：只有机构管理员账号可以改所属机构（窗口工作人员随工号所在机构）",
      );
    const [o] = await tx
      .select({ id: orgs.id, retiredAt: orgs.retiredAt })
      .from(orgs)
      .where(eq(orgs.code, f.orgCode));
    if (!o || o.retiredAt !== null)
      throw fieldError("orgCode", `机构代码：找不到机构 ${f.orgCode}`);
    if (o.id === a.orgId) return;
    await tx.update(accounts).set({ orgId: o.id }).where(eq(accounts.id, f.id));
    await endSessions(deps, { accountId: f.id }, "org_changed", client, undefined, tx);
    await audit(
      deps,
      actor,
      {
        action: "account.change_org",
        target: `account:${a.login}`,
        orgId: o.id,
        detail: { from: a.orgId, to: o.id },
      },
      tx,
    );
  });
}

/** The bureau ends every session of an account (a lost phone, a shared password): audited with the reason. */
export async function endAccountSessions(
  { deps, actor }: ActorCtx,
  input: unknown,
  client: Client = NO_CLIENT,
): Promise<{ ended: number }> {
  const f = parseForm(
    z.object({ id: z.string().min(1).max(64), reason: text("原因", 500) }),
    input,
  );
  return deps.database.write(async (tx) => {
    const [a] = await tx
      .select({ login: accounts.login, orgId: accounts.orgId })
      .from(accounts)
      .where(eq(accounts.id, f.id));
    if (!a) throw new DomainError("not_found", "找不到这个账号");
    const reason: EndReason = "ended_by_bureau";
    const ended = await endSessions(deps, { accountId: f.id }, reason, client, undefined, tx);
    await audit(
      deps,
      actor,
      {
        action: "account.end_sessions",
        target: `account:${a.login}`,
        orgId: a.orgId,
        reason: f.reason,
        detail: { ended },
      },
      tx,
    );
    return { ended };
  });
}

/** The bureau resets a lost second factor: the account enrols again at its next sign-in (audited). */
export async function resetAccountSecondFactor(
  { deps, actor }: ActorCtx,
  input: unknown,
  client: Client = NO_CLIENT,
): Promise<void> {
  const f = parseForm(
    z.object({ id: z.string().min(1).max(64), reason: text("原因", 500) }),
    input,
  );
  await resetSecondFactor(deps, actor, f.id, f.reason, client);
}
