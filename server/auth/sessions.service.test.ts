import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { openDatabase } from "@/db/client";
import { signInEvents, staffSessions } from "@/db/schema";
import { signedIn } from "@/tests/admin-caller";
import { ensureOrgAdmin, sessionOf, TOWN_ADMIN } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import { adminCtxOf } from "../access/admin-ctx";
import {
  endAccountSessions,
  resetPassword,
  setAccountActive,
  setAccountOrg,
} from "../manage/accounts.service";
import { setSetting } from "../settings/settings.service";
import { changePassword } from "./password.service";
import {
  endMySession,
  endRunOutSessions,
  liveSessions,
  signOut,
  staffSessionOf,
} from "./sessions.service";
import { NO_CLIENT, signInHistory } from "./sign-in-events";

const fresh = perTestDeps();
const MIN = 60_000;

async function twoSessions(login = TOWN_ADMIN.login) {
  const made = await fresh("2026-03-02T10:00:00+08:00");
  await ensureOrgAdmin(made.deps, TOWN_ADMIN);
  const first = await signedIn(made.deps, login);
  const second = await signedIn(made.deps, login);
  const bureau = await sessionOf(made.deps, "bureau");
  return { ...made, first, second, bureau };
}
const live = (deps: Parameters<typeof staffSessionOf>[0], token: string) =>
  staffSessionOf(deps, token).then((s) => s !== null);

describe("sessions in the database", () => {
  test("idle for 30 minutes ends a session at the moment it ran out; last seen is written at most once a minute", async () => {
    const { deps, clock, first } = await twoSessions();
    const id = (await staffSessionOf(deps, first.token))!.sessionId!;
    const lastSeen = async () =>
      (await deps.database.db.select().from(staffSessions).where(eq(staffSessions.id, id)))[0]!;
    const start = clock.now();
    clock.advance(30_000);
    await staffSessionOf(deps, first.token);
    expect((await lastSeen()).lastSeenAt).toBe(start);
    clock.advance(31_000);
    await staffSessionOf(deps, first.token);
    expect((await lastSeen()).lastSeenAt).toBe(start + 61_000);
    clock.advance(30 * MIN - 1000);
    expect(await live(deps, first.token)).toBe(true);
    const seen = clock.now();
    clock.advance(30 * MIN);
    expect(await live(deps, first.token)).toBe(false);
    expect(await lastSeen()).toMatchObject({ endedReason: "idle", endedAt: seen + 30 * MIN });
  });

  test("12 hours in all, however busy; both limits are the bureau's settings", async () => {
    const { deps, clock, first, bureau } = await twoSessions();
    for (let h = 0; h < 12 * 6 - 1; h++) {
      clock.advance(10 * MIN);
      expect(await live(deps, first.token)).toBe(true);
    }
    clock.advance(10 * MIN);
    expect(await live(deps, first.token)).toBe(false);
    await setSetting(deps, { id: bureau.accountId, name: "局" }, "auth.idleMinutes", 10);
    const again = await signedIn(deps, TOWN_ADMIN.login);
    clock.advance(11 * MIN);
    expect(await live(deps, again.token)).toBe(false);
  });

  test("disabling an account ends its sessions: the old cookie is refused", async () => {
    const { deps, first, second, bureau } = await twoSessions();
    const id = (await staffSessionOf(deps, first.token))!.accountId;
    await setAccountActive(await adminCtxOf(deps, bureau), { id, active: false, reason: "离职" });
    await setAccountActive(await adminCtxOf(deps, bureau), { id, active: true, reason: "返岗" });
    expect(await live(deps, first.token)).toBe(false);
    expect(await live(deps, second.token)).toBe(false);
  });

  test("changing my password ends my other sessions and keeps this one; the bureau's reset ends all", async () => {
    const { deps, first, second, bureau } = await twoSessions();
    const me = (await staffSessionOf(deps, first.token))!;
    await changePassword(
      deps,
      me,
      { current: TOWN_ADMIN.password, password: "Taishan-2026-new" },
      NO_CLIENT,
    );
    expect(await live(deps, first.token)).toBe(true);
    expect(await live(deps, second.token)).toBe(false);
    await resetPassword(await adminCtxOf(deps, bureau), {
      id: me.accountId,
      password: "Another2026pass",
    });
    expect(await live(deps, first.token)).toBe(false);
  });

  test("moving an org admin to another org ends its sessions", async () => {
    const { deps, first, bureau } = await twoSessions();
    const me = (await staffSessionOf(deps, first.token))!;
    await setAccountOrg(await adminCtxOf(deps, bureau), { id: me.accountId, orgCode: "440781101" });
    expect(await live(deps, first.token)).toBe(false);
    const again = await signedIn(deps, TOWN_ADMIN.login);
    expect((await staffSessionOf(deps, again.token))!.orgId).not.toBe(me.orgId);
  });

  test("signing out ends this session only; 结束 ends one of mine, never another account's; the bureau ends them all", async () => {
    const { deps, first, second, bureau } = await twoSessions();
    const me = (await staffSessionOf(deps, first.token))!;
    await signOut(deps, first.token, NO_CLIENT);
    expect(await live(deps, first.token)).toBe(false);
    expect(await live(deps, second.token)).toBe(true);
    const third = await signedIn(deps, TOWN_ADMIN.login);
    const mine = await liveSessions(deps, me.accountId);
    expect(mine).toHaveLength(2);
    const other = await sessionOf(deps, "bureau");
    await expect(endMySession(deps, other, mine[0]!.id, NO_CLIENT)).rejects.toMatchObject({
      code: "not_found",
    });
    const secondId = (await staffSessionOf(deps, second.token))!.sessionId!;
    await endMySession(deps, me, secondId, NO_CLIENT);
    expect(await live(deps, second.token)).toBe(false);
    expect(
      await endAccountSessions(await adminCtxOf(deps, bureau), {
        id: me.accountId,
        reason: "手机丢失",
      }),
    ).toEqual({ ended: 1 });
    expect(await live(deps, third.token)).toBe(false);
    const ends = await deps.database.db
      .select()
      .from(signInEvents)
      .where(eq(signInEvents.kind, "session_ended"));
    expect(ends.map((e) => (JSON.parse(e.detail!) as { reason: string }).reason).sort()).toEqual([
      "ended_by_bureau",
      "ended_by_owner",
      "sign_out",
    ]);
    // the history says why, in words, to the owner and to the bureau
    const history = (await signInHistory(deps, { accountId: me.accountId })).map((h) => h.what);
    expect(history).toEqual(
      expect.arrayContaining([
        "会话结束（管理局结束）",
        "会话结束（本人结束）",
        "会话结束（退出登录）",
        "登录成功",
      ]),
    );
  });

  test("a session ended on one instance is refused by another at once (it is in the database)", async () => {
    const { deps, file, first } = await twoSessions();
    const other = { ...deps, database: await openDatabase(`file:${file}`) };
    try {
      expect(await live(other, first.token)).toBe(true);
      await signOut(deps, first.token, NO_CLIENT);
      expect(await live(other, first.token)).toBe(false);
    } finally {
      other.database.close();
    }
  });

  test("the sessions job ends the sessions that ran out without coming back, when they ran out, with a line in the history", async () => {
    const { deps, clock, first, second } = await twoSessions();
    const me = (await staffSessionOf(deps, second.token))!;
    clock.advance(20 * MIN);
    await staffSessionOf(deps, second.token);
    clock.advance(15 * MIN);
    expect(await endRunOutSessions(deps)).toBe(1);
    expect(await endRunOutSessions(deps)).toBe(0);
    expect(await liveSessions(deps, me.accountId)).toHaveLength(1);
    expect(await live(deps, second.token)).toBe(true);
    expect(await live(deps, first.token)).toBe(false);
    expect((await signInHistory(deps, { accountId: me.accountId })).map((h) => h.what)).toContain(
      "会话结束（长时间未操作）",
    );
  });

  test("a forged or unknown cookie is no session", async () => {
    const { deps } = await twoSessions();
    expect(await staffSessionOf(deps, "not-a-token")).toBeNull();
    expect(await staffSessionOf(deps, "x".repeat(500))).toBeNull();
    expect(await staffSessionOf(deps, undefined)).toBeNull();
  });
});
