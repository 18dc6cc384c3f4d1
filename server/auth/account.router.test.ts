import { describe, expect, test } from "vitest";

import { signedIn } from "@/tests/admin-caller";
import { callerAs, sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import type { Deps } from "../deps";
import { createCallerFactory, createTrpcContext } from "../trpc/init";
import { appRouter } from "../trpc/root";
import { STAFF_COOKIE, type StaffSession } from "./sessions.service";

const fresh = perTestDeps();
type Caller = ReturnType<typeof callerAs>;

/** Each new procedure of 账号设置 and of the bureau's account management, called as it would be. */
const ACCOUNT: [string, (c: Caller) => Promise<unknown>][] = [
  ["account.sessions", (c) => c.account.sessions()],
  ["account.endSession", (c) => c.account.endSession({ id: "x" })],
  ["account.changePassword", (c) => c.account.changePassword({ current: "x", password: "y" })],
  ["account.secondFactor", (c) => c.account.secondFactor()],
  ["account.startEnrolment", (c) => c.account.startEnrolment()],
  ["account.confirmEnrolment", (c) => c.account.confirmEnrolment({ code: "123456" })],
  ["account.history", (c) => c.account.history()],
];
const BUREAU: [string, (c: Caller) => Promise<unknown>][] = [
  ["manage.accounts.setOrg", (c) => c.manage.accounts.setOrg({ id: "x", orgCode: "440781" })],
  ["manage.accounts.endSessions", (c) => c.manage.accounts.endSessions({ id: "x", reason: "r" })],
  [
    "manage.accounts.resetSecondFactor",
    (c) => c.manage.accounts.resetSecondFactor({ id: "x", reason: "r" }),
  ],
  ["manage.accounts.signInHistory", (c) => c.manage.accounts.signInHistory()],
  ["manage.accounts.security", (c) => c.manage.accounts.security()],
  ["manage.accounts.setSecurity", (c) => c.manage.accounts.setSecurity({ idleMinutes: 20 })],
];

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "?",
  );
const as = async (deps: Deps, login: string | null): Promise<Caller> =>
  callerAs(deps, login ? await sessionOf(deps, login) : null);

describe("scope of the new procedures", () => {
  test("signed out: every one is 401", async () => {
    const { deps } = await fresh();
    const c = await as(deps, null);
    for (const [name, call] of [...ACCOUNT, ...BUREAU])
      expect(`${name} ${await codeOf(call(c))}`).toBe(`${name} UNAUTHORIZED`);
  });

  test("the bureau's account management refuses an org admin and window staff (403); the bureau passes", async () => {
    const { deps } = await fresh();
    for (const login of ["admin-440781", "TS0001"]) {
      const c = await as(deps, login);
      for (const [name, call] of BUREAU)
        expect(`${login} ${name} ${await codeOf(call(c))}`).toBe(`${login} ${name} FORBIDDEN`);
    }
    const bureau = await as(deps, "bureau");
    for (const [name, call] of BUREAU.filter(
      ([n]) => !/setOrg|endSessions|resetSecondFactor/.test(n),
    ))
      expect(`${name} ${await codeOf(call(bureau))}`).toBe(`${name} ok`);
    // an unknown account is not found, not a 500
    expect(await codeOf(bureau.manage.accounts.endSessions({ id: "nobody", reason: "r" }))).toBe(
      "NOT_FOUND",
    );
  });

  test("账号设置 acts on the signed-in account only; window staff cannot enrol a second factor", async () => {
    const { deps } = await fresh();
    const staff = await as(deps, "TS0001");
    expect(await codeOf(staff.account.startEnrolment())).toBe("FORBIDDEN");
    const admin: StaffSession = await sessionOf(deps, "admin-440781");
    const c = callerAs(deps, admin);
    expect(await c.account.sessions()).toEqual([]);
    expect(await codeOf(c.account.endSession({ id: "someone-else" }))).toBe("NOT_FOUND");
    expect(await codeOf(c.account.confirmEnrolment({ code: "123456" }))).toBe(
      "UNPROCESSABLE_CONTENT",
    );
  });
});

test("a cookie whose session ran out is told so (401 登录已结束), not a 500 and not a bare 请先登录", async () => {
  const { deps, clock } = await fresh();
  const { token } = await signedIn(deps, "admin-440781");
  const callWith = async () =>
    createCallerFactory(appRouter)(
      await createTrpcContext({
        headers: new Headers({ cookie: `${STAFF_COOKIE}=${token}` }),
        deps,
      }),
    ).account.sessions();
  expect(await callWith()).toHaveLength(1);
  clock.advance(31 * 60_000);
  await expect(callWith()).rejects.toMatchObject({
    code: "UNAUTHORIZED",
    message: "登录已结束，请重新登录",
  });
});
