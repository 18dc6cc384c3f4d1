import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditLog, signInFailures } from "@/db/schema";
import { signedIn } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { signIn } from "./auth.service";
import { lockedUntil, SIGN_IN, signInRefusal } from "./sign-in.rules";

const fresh = perTestDeps();
const MIN = 60_000;
const from = (address: string) => ({ address, userAgent: null });

const failures = async (deps: Deps) =>
  (
    await deps.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"))
  ).map((r) => ({
    actorId: r.actorId,
    target: r.target,
    detail: JSON.parse(r.detail ?? "{}") as { reason: string; login: string; client: string },
    all: JSON.stringify(r),
  }));

describe("sign-in limits: the rules", () => {
  const wrong = (...minutes: number[]) =>
    minutes.map((m) => ({ at: m * MIN, reason: "wrong_password" as const }));

  test("five guesses within 15 minutes lock for 15 minutes from the fifth; four do not", () => {
    expect(lockedUntil(wrong(0, 1, 2, 3))).toBeNull();
    expect(lockedUntil(wrong(0, 1, 2, 3, 4))).toBe(19 * MIN);
    // spread over more than 15 minutes: never five in one span
    expect(lockedUntil(wrong(0, 4, 8, 12, 16, 20))).toBeNull();
  });

  test("refusals during a lock are not guesses, and counting starts again after it", () => {
    const during = [...wrong(0, 1, 2, 3, 4), { at: 10 * MIN, reason: "locked" as const }];
    expect(lockedUntil(during)).toBe(19 * MIN);
    expect(lockedUntil([...wrong(0, 1, 2, 3, 4), ...wrong(20, 21, 22, 23)])).toBe(19 * MIN);
    expect(lockedUntil([...wrong(0, 1, 2, 3, 4), ...wrong(20, 21, 22, 23, 24)])).toBe(39 * MIN);
  });

  test("an address is refused only at 100 failures within 10 minutes", () => {
    const at = (n: number, spanMin: number) =>
      Array.from({ length: n }, (_, i) => (i * spanMin * MIN) / n);
    expect(signInRefusal([], at(99, 9), 9 * MIN)).toBeNull();
    expect(signInRefusal([], at(100, 9), 9 * MIN)).toEqual({ reason: "address_limit" });
    expect(signInRefusal([], at(100, 9), 20 * MIN)).toBeNull();
  });
});

describe("sign-in limits: /staff and /admin (signIn)", () => {
  test("5 wrong passwords lock the account for 15 minutes, the right password included; then it signs in", async () => {
    const { deps, clock } = await fresh();
    for (let i = 1; i <= 4; i++)
      await expect(signIn(deps, "TS0001", `wrong-${i}`, from("10.0.0.1"))).rejects.toMatchObject({
        code: "unauthenticated",
        message: "工号或密码不正确",
      });
    await expect(signIn(deps, "TS0001", "wrong-5", from("10.0.0.1"))).rejects.toMatchObject({
      code: "too_many_requests",
      message: "密码或动态口令错误次数过多，该账号已锁定，请 15 分钟后再试",
    });
    clock.advance(5 * MIN);
    // the right password, from another address: still locked
    await expect(signIn(deps, "TS0001", "demo-staff", from("10.0.0.2"))).rejects.toMatchObject({
      code: "too_many_requests",
      message: "密码或动态口令错误次数过多，该账号已锁定，请 10 分钟后再试",
    });
    // other accounts are not touched
    expect(
      (await signedIn(deps, "TS0002", "demo-staff", from("10.0.0.1"))).session.displayName,
    ).toBeTruthy();
    clock.advance(10 * MIN);
    expect((await signedIn(deps, "TS0001", "demo-staff", from("10.0.0.1"))).session).toMatchObject({
      role: "staff",
    });
  });

  test("the admin page's accounts get the same lock", async () => {
    const { deps } = await fresh();
    for (let i = 0; i < 4; i++)
      await expect(signIn(deps, "admin-440781", "nope")).rejects.toMatchObject({
        code: "unauthenticated",
      });
    await expect(signIn(deps, "admin-440781", "nope")).rejects.toMatchObject({
      code: "too_many_requests",
    });
    await expect(signIn(deps, "admin-440781", "demo-admin")).rejects.toMatchObject({
      code: "too_many_requests",
    });
  });

  test("an unknown login locks alike, so a lock never tells which logins exist", async () => {
    const { deps } = await fresh();
    for (let i = 0; i < 4; i++)
      await expect(signIn(deps, "NOBODY", "x")).rejects.toMatchObject({
        code: "unauthenticated",
        message: "工号或密码不正确",
      });
    await expect(signIn(deps, "NOBODY", "x")).rejects.toMatchObject({
      code: "too_many_requests",
      message: "密码或动态口令错误次数过多，该账号已锁定，请 15 分钟后再试",
    });
  });

  test("a hall behind one address: 99 failures in 10 minutes still let a colleague sign in; the 100th closes the address for a while", async () => {
    const { deps, clock } = await fresh();
    const hall = "203.0.113.7";
    // 98 people mistyped once in the last 9 minutes (written as signIn writes them; argon2 for each would take seconds)
    const clientHash = deps.pii.digest("client", hall);
    await deps.database.write((tx) =>
      tx.insert(signInFailures).values(
        Array.from({ length: 98 }, (_, i) => ({
          id: newId(),
          at: clock.now() - 9 * MIN + i * 5000,
          loginHash: `someone-${i}`,
          accountId: null,
          clientHash,
          reason: "wrong_password" as const,
        })),
      ),
    );
    await expect(signIn(deps, "TS0003", "typo", from(hall))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    expect((await signedIn(deps, "TS0001", "demo-staff", from(hall))).session.role).toBe("staff");
    await expect(signIn(deps, "TS0002", "typo", from(hall))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(signIn(deps, "TS0002", "demo-staff", from(hall))).rejects.toMatchObject({
      code: "too_many_requests",
      message: "登录失败次数过多，请稍后再试",
    });
    // another address is not affected; the hall's opens again once the failures age out
    expect((await signedIn(deps, "TS0002", "demo-staff", from("198.51.100.1"))).session.role).toBe(
      "staff",
    );
    clock.advance(SIGN_IN.perAddressWindowMs);
    expect((await signedIn(deps, "TS0002", "demo-staff", from(hall))).session.role).toBe("staff");
  });

  test("every failure is audited (wrong password, unknown login, locked), never with the password or the address", async () => {
    const { deps } = await fresh();
    await expect(signIn(deps, "NOBODY", "secret-guess-0", from("10.9.8.7"))).rejects.toThrow();
    for (let i = 1; i <= 5; i++)
      await expect(signIn(deps, "TS0001", `secret-guess-${i}`, from("10.9.8.7"))).rejects.toThrow();
    await expect(signIn(deps, "TS0001", "demo-staff", from("10.9.8.7"))).rejects.toMatchObject({
      code: "too_many_requests",
    });
    expect((await signedIn(deps, "TS0002", "demo-staff", from("10.9.8.7"))).session.role).toBe(
      "staff",
    );
    const rows = await failures(deps);
    // one clock tick: the rows' order is not the calls' order
    expect(rows.map((r) => r.detail.reason).sort()).toEqual([
      "locked",
      "unknown_login",
      ...Array<string>(5).fill("wrong_password"),
    ]);
    expect(rows.every((r) => r.actorId === "anonymous")).toBe(true);
    expect(rows.find((r) => r.detail.reason === "unknown_login")!.target).toBeNull();
    expect(
      new Set(rows.filter((r) => r.detail.reason !== "unknown_login").map((r) => r.target)).size,
    ).toBe(1);
    expect(rows.find((r) => r.detail.reason === "locked")!.target).toMatch(/^account:/);
    for (const r of rows) expect(r.all).not.toMatch(/secret-guess|demo-staff|10\.9\.8\.7|NOBODY/);
  });
});
