import "server-only";

import { randomBytes } from "node:crypto";

import { hash, verify } from "@node-rs/argon2";
import { and, count, eq, gt, isNull, lt } from "drizzle-orm";
import QRCode from "qrcode";

import { accounts, recoveryCodes } from "@/db/schema";

import { type Actor, audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { endSessions, type StaffSession } from "./sessions.service";
import { type Client, signInEvent } from "./sign-in-events";
import {
  codeVerdict,
  looksLikeTotp,
  newTotpSecret,
  normaliseRecoveryCode,
  recoveryCodesFrom,
  totpOf,
} from "./totp.rules";

/**
 * 两步验证 (SPEC §8): a TOTP secret per org admin and bureau account, sealed at rest like PII, and
 * ten single-use 恢复码 stored as argon2 hashes. Window staff keep 工号 + 密码.
 */
const mayEnrol = (s: StaffSession) => s.role === "org_admin" || s.role === "bureau";

async function accountRow(deps: Deps, id: string) {
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.id, id));
  if (!a) throw new DomainError("not_found", "找不到这个账号");
  return a;
}

export async function secondFactorOf(
  deps: Deps,
  accountId: string,
): Promise<{ enabled: boolean; recoveryLeft: number }> {
  const [a, [left]] = await Promise.all([
    accountRow(deps, accountId),
    deps.database.db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt))),
  ]);
  return { enabled: a.totpSecretEnc !== null, recoveryLeft: left?.n ?? 0 };
}

/** A new secret to scan: its `otpauth://` URI drawn as a QR code, and the secret as text to type. Not on until confirmed. */
export async function startEnrolment(
  deps: Deps,
  session: StaffSession,
): Promise<{ uri: string; secret: string; qr: string }> {
  if (!mayEnrol(session))
    throw new DomainError("forbidden", "窗口工作人员账号使用工号和密码登录，无需两步验证");
  const a = await accountRow(deps, session.accountId);
  if (a.totpSecretEnc) throw new DomainError("conflict", "两步验证已经开启");
  const secret = newTotpSecret();
  await deps.database.write((tx) =>
    tx
      .update(accounts)
      .set({ totpPendingEnc: deps.pii.encrypt(secret) })
      .where(eq(accounts.id, a.id)),
  );
  const uri = totpOf(secret, a.login).toString();
  return {
    uri,
    secret,
    qr: await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 240 }),
  };
}

/** The first right 动态口令 turns it on; the ten 恢复码 are answered this once and kept only as hashes. */
export async function confirmEnrolment(
  deps: Deps,
  session: StaffSession,
  code: string,
  client: Client,
): Promise<{ recoveryCodes: string[] }> {
  const a = await accountRow(deps, session.accountId);
  if (a.totpSecretEnc) throw new DomainError("conflict", "两步验证已经开启");
  if (!a.totpPendingEnc) throw new DomainError("invalid", "请先生成二维码，再输入动态口令");
  const secret = deps.pii.decrypt(a.totpPendingEnc);
  const verdict = codeVerdict(secret, code, deps.clock.now(), 0);
  if (!verdict.ok)
    throw new DomainError("invalid", "动态口令不正确：请输入验证器应用中显示的 6 位数字", {
      field: "code",
    });
  const codes = recoveryCodesFrom(randomBytes(80));
  const hashes = await Promise.all(codes.map((c) => hash(normaliseRecoveryCode(c))));
  await deps.database.write(async (tx) => {
    await tx
      .update(accounts)
      .set({ totpSecretEnc: a.totpPendingEnc, totpPendingEnc: null, totpLastStep: verdict.step })
      .where(eq(accounts.id, a.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, a.id));
    await tx
      .insert(recoveryCodes)
      .values(hashes.map((codeHash) => ({ id: newId(), accountId: a.id, codeHash })));
    await signInEvent(deps, tx, { accountId: a.id, kind: "second_factor_on", client });
    await audit(
      deps,
      { id: a.id, name: a.displayName },
      { action: "auth.second_factor_on", target: `account:${a.login}`, orgId: a.orgId },
      tx,
    );
  });
  return { recoveryCodes: codes };
}

/**
 * A 动态口令 or a 恢复码 typed at sign-in: "totp" or "recovery" when it is right and not used
 * before, else why not. Both are spent in a conditional write, so two instances racing with the same
 * code accept it once.
 */
export async function spendSecondFactor(
  deps: Deps,
  accountId: string,
  typed: string,
): Promise<"totp" | "recovery" | "wrong" | "replayed"> {
  const a = await accountRow(deps, accountId);
  if (!a.totpSecretEnc) return "wrong";
  if (looksLikeTotp(typed)) {
    const verdict = codeVerdict(
      deps.pii.decrypt(a.totpSecretEnc),
      typed,
      deps.clock.now(),
      a.totpLastStep,
    );
    if (!verdict.ok) return verdict.why;
    const won = await deps.database.write((tx) =>
      tx
        .update(accounts)
        .set({ totpLastStep: verdict.step })
        .where(and(eq(accounts.id, a.id), lt(accounts.totpLastStep, verdict.step)))
        .returning({ id: accounts.id }),
    );
    return won.length ? "totp" : "replayed";
  }
  const unused = await deps.database.db
    .select()
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, a.id), isNull(recoveryCodes.usedAt)));
  const plain = normaliseRecoveryCode(typed);
  for (const r of unused) {
    if (!(await verify(r.codeHash, plain).catch(() => false))) continue;
    const now = deps.clock.now();
    const won = await deps.database.write((tx) =>
      tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.id, r.id), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id }),
    );
    return won.length ? "recovery" : "replayed";
  }
  return "wrong";
}

/** The bureau resets a lost second factor (audited): the account enrols again, and its sessions end. */
export async function resetSecondFactor(
  deps: Deps,
  actor: Actor,
  accountId: string,
  reason: string,
  client: Client,
): Promise<void> {
  const a = await accountRow(deps, accountId);
  await deps.database.write(async (tx) => {
    await tx
      .update(accounts)
      .set({ totpSecretEnc: null, totpPendingEnc: null, totpLastStep: 0 })
      .where(eq(accounts.id, a.id));
    await tx
      .delete(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, a.id), gt(recoveryCodes.id, "")));
    await endSessions(deps, { accountId: a.id }, "second_factor_reset", client, undefined, tx);
    await signInEvent(deps, tx, {
      accountId: a.id,
      kind: "second_factor_reset",
      client,
      detail: { by: actor.id },
    });
    await audit(
      deps,
      actor,
      { action: "auth.second_factor_reset", target: `account:${a.login}`, orgId: a.orgId, reason },
      tx,
    );
  });
}
