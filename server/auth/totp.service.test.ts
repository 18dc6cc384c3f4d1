import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { accounts, auditLog, recoveryCodes, signInEvents } from "@/db/schema";
import { callerFor, signedIn } from "@/tests/admin-caller";
import { callerAs, sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import { adminCtxOf } from "../access/admin-ctx";
import type { Deps } from "../deps";
import { resetAccountSecondFactor } from "../manage/accounts.service";
import { signIn, verifyCode } from "./auth.service";
import { staffSessionOf } from "./sessions.service";
import { NO_CLIENT } from "./sign-in-events";
import { codeAt, codeVerdict, newTotpSecret, recoveryCodesFrom } from "./totp.rules";
import { confirmEnrolment, startEnrolment } from "./totp.service";

const fresh = perTestDeps();
const STEP = 30_000;

/** admin-440781 enrols: the secret as the page shows it, and the ten 恢复码. */
async function enrolled(deps: Deps) {
  const admin = await sessionOf(deps, "admin-440781");
  const { secret, uri, qr } = await startEnrolment(deps, admin);
  expect(uri).toMatch(/^otpauth:\/\/totp\/.*admin-440781\?.*secret=/);
  expect(qr).toMatch(/^data:image\/png;base64,/);
  const { recoveryCodes: codes } = await confirmEnrolment(
    deps,
    admin,
    codeAt(secret, deps.clock.now()),
    NO_CLIENT,
  );
  return { admin, secret, codes };
}

async function pendingAfterPassword(deps: Deps) {
  const first = await signIn(deps, "admin-440781", "demo-admin");
  if (first.step !== "code") throw new Error(`expected the code step, got ${first.step}`);
  return first.pending;
}

describe("动态口令: the rules", () => {
  test("a code of now or one step either side is right, once; another is wrong", () => {
    const secret = newTotpSecret();
    const now = Date.parse("2026-03-02T02:00:10Z");
    const v = codeVerdict(secret, codeAt(secret, now), now, 0);
    expect(v).toMatchObject({ ok: true });
    const step = v.ok ? v.step : 0;
    expect(codeVerdict(secret, codeAt(secret, now - STEP), now, 0)).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(codeVerdict(secret, codeAt(secret, now - 3 * STEP), now, 0)).toEqual({
      ok: false,
      why: "wrong",
    });
    expect(codeVerdict(secret, codeAt(secret, now), now, step)).toEqual({
      ok: false,
      why: "replayed",
    });
    expect(codeVerdict(secret, "12345", now, 0)).toEqual({ ok: false, why: "wrong" });
  });

  test("ten 恢复码 of 8 letters and digits, none alike", () => {
    const codes = recoveryCodesFrom(randomBytes(80));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}$/);
  });
});

describe("two-factor sign-in (TOTP)", () => {
  test("enrolment needs a right code; the secret is sealed at rest and the 恢复码 are argon2 hashes", async () => {
    const { deps } = await fresh();
    const admin = await sessionOf(deps, "admin-440781");
    const { secret } = await startEnrolment(deps, admin);
    await expect(confirmEnrolment(deps, admin, "000000", NO_CLIENT)).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/动态口令不正确/) as string,
    });
    const { recoveryCodes: codes } = await confirmEnrolment(
      deps,
      admin,
      codeAt(secret, deps.clock.now()),
      NO_CLIENT,
    );
    const [row] = await deps.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, admin.accountId));
    expect(row!.totpSecretEnc).not.toContain(secret);
    expect(deps.pii.decrypt(row!.totpSecretEnc!)).toBe(secret);
    const stored = await deps.database.db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.accountId, admin.accountId));
    expect(stored).toHaveLength(10);
    for (const r of stored) expect(r.codeHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    await expect(startEnrolment(deps, admin)).rejects.toMatchObject({ code: "conflict" });
    await expect(startEnrolment(deps, await sessionOf(deps, "TS0001"))).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  test("the password, then the 动态口令; the same code again is refused", async () => {
    const { deps, clock } = await fresh();
    const { secret } = await enrolled(deps);
    clock.advance(STEP);
    const pending = await pendingAfterPassword(deps);
    const code = codeAt(secret, clock.now());
    const done = await verifyCode(deps, pending, code);
    expect(done.step).toBe("done");
    if (done.step === "done")
      expect(await staffSessionOf(deps, done.token)).toMatchObject({ role: "org_admin" });
    const again = await pendingAfterPassword(deps);
    await expect(verifyCode(deps, again, code)).rejects.toMatchObject({
      code: "unauthenticated",
      message: expect.stringMatching(/已经用过/) as string,
    });
    await expect(verifyCode(deps, "forged", code)).rejects.toMatchObject({
      code: "unauthenticated",
      message: "登录已超时，请重新输入账号和密码",
    });
    clock.advance(5 * 60_000 + 1000);
    await expect(verifyCode(deps, again, codeAt(secret, clock.now()))).rejects.toMatchObject({
      message: "登录已超时，请重新输入账号和密码",
    });
  });

  test("a 恢复码 works once, in any case and with or without its dash", async () => {
    const { deps } = await fresh();
    const { codes } = await enrolled(deps);
    const used = codes[3]!;
    expect(
      (
        await verifyCode(
          deps,
          await pendingAfterPassword(deps),
          used.toUpperCase().replace("-", " "),
        )
      ).step,
    ).toBe("done");
    await expect(verifyCode(deps, await pendingAfterPassword(deps), used)).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const events = await deps.database.db.select({ kind: signInEvents.kind }).from(signInEvents);
    expect(events.map((e) => e.kind)).toContain("recovery_code_used");
  });

  test("wrong codes count toward the password's lockout: the fifth wrong guess locks, the right code too", async () => {
    const { deps, clock } = await fresh();
    const { secret } = await enrolled(deps);
    await expect(signIn(deps, "admin-440781", "wrong")).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const pending = await pendingAfterPassword(deps);
    for (let i = 0; i < 3; i++)
      await expect(verifyCode(deps, pending, "111111")).rejects.toMatchObject({
        code: "unauthenticated",
      });
    await expect(verifyCode(deps, pending, "111111")).rejects.toMatchObject({
      code: "too_many_requests",
      message: expect.stringMatching(/已锁定/) as string,
    });
    clock.advance(STEP);
    await expect(verifyCode(deps, pending, codeAt(secret, clock.now()))).rejects.toMatchObject({
      code: "too_many_requests",
    });
    await expect(signIn(deps, "admin-440781", "demo-admin")).rejects.toMatchObject({
      code: "too_many_requests",
    });
    const kinds = (
      await deps.database.db.select({ kind: signInEvents.kind }).from(signInEvents)
    ).map((e) => e.kind);
    expect(kinds.filter((k) => k === "code_failed")).toHaveLength(4);
    expect(kinds).toContain("locked");
  });

  test("HCP_REQUIRE_2FA: an admin without a second factor reaches 账号设置 only; staff are never asked", async () => {
    const { deps } = await fresh(undefined, { require2fa: true });
    const { token } = await signedIn(deps, "admin-440781");
    const s = (await staffSessionOf(deps, token))!;
    expect(s.mustEnrol).toBe(true);
    await expect(callerAs(deps, s).overview.get()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "请先在账号设置中开启两步验证",
    });
    expect(await callerAs(deps, s).account.secondFactor()).toMatchObject({
      enabled: false,
      required: true,
    });
    const staffToken = (await signedIn(deps, "TS0001")).token;
    expect((await staffSessionOf(deps, staffToken))!.mustEnrol).toBe(false);
    await enrolled(deps);
    expect((await staffSessionOf(deps, token))!.mustEnrol).toBe(false);
  });

  test("the bureau resets a lost second factor: audited, the account's sessions end, it signs in with its password and enrols again", async () => {
    const { deps } = await fresh();
    const { admin, codes } = await enrolled(deps);
    const before = await verifyCode(deps, await pendingAfterPassword(deps), codes[0]!);
    if (before.step !== "done") throw new Error("a 恢复码 should sign in");
    const bureau = await sessionOf(deps, "bureau");
    await expect(
      resetAccountSecondFactor(await adminCtxOf(deps, bureau), { id: admin.accountId }),
    ).rejects.toMatchObject({ details: { field: "reason" } });
    await resetAccountSecondFactor(await adminCtxOf(deps, bureau), {
      id: admin.accountId,
      reason: "手机丢失",
    });
    expect(await staffSessionOf(deps, before.token)).toBeNull();
    expect((await signIn(deps, "admin-440781", "demo-admin")).step).toBe("done");
    const [log] = await deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.second_factor_reset"));
    expect(log).toMatchObject({ actorId: bureau.accountId, target: "account:admin-440781" });
    expect(await (await callerFor(deps, "admin-440781")).account.secondFactor()).toMatchObject({
      enabled: false,
      recoveryLeft: 0,
    });
  });
});
