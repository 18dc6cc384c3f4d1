import { describe, expect, test } from "vitest";
import { perTestDeps } from "@/tests/db";
import { readStaffSession, signIn } from "./auth.service";

const fresh = perTestDeps();

describe("staff sign-in (argon2)", () => {
  test("the demo staff account signs in; the session names the staff member and expires after 8 h", async () => {
    const { deps, clock } = await fresh();
    const { session, token } = await signIn(deps, "TS0001", "demo-staff");
    expect(session).toMatchObject({ role: "staff", displayName: "李敏" });
    expect(session.staffId).toBeTruthy();
    expect(await readStaffSession(deps, token)).toEqual(session);
    clock.advance(8 * 3600_000 + 1000);
    expect(await readStaffSession(deps, token)).toBeNull();
  });

  test("a wrong password or an unknown login is refused with the same words", async () => {
    const { deps } = await fresh();
    await expect(signIn(deps, "TS0001", "wrong")).rejects.toMatchObject({ code: "unauthenticated", message: "工号或密码不正确" });
    await expect(signIn(deps, "NOBODY", "demo-staff")).rejects.toMatchObject({ code: "unauthenticated", message: "工号或密码不正确" });
  });

  test("the org admin and bureau accounts carry their roles", async () => {
    const { deps } = await fresh();
    expect((await signIn(deps, "admin-440781", "demo-admin")).session).toMatchObject({ role: "org_admin", staffId: null });
    expect((await signIn(deps, "bureau", "demo-bureau")).session).toMatchObject({ role: "bureau" });
  });
});
