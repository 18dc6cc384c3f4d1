import { describe, expect, test } from "vitest";

import { signedIn } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";

import { recordCaseEvent } from "../cases/cases.service";
import { signIn } from "./auth.service";
import { staffSessionOf } from "./sessions.service";
import { caseForStaff } from "./staff-cases.service";

const fresh = perTestDeps();

describe("staff sign-in (argon2)", () => {
  test("the demo staff account signs in; the session names the staff member and is refused once it ends", async () => {
    const { deps, clock } = await fresh();
    const { session, token } = await signedIn(deps, "TS0001", "demo-staff");
    expect(session).toMatchObject({ role: "staff", displayName: "李敏" });
    expect(session.staffId).toBeTruthy();
    expect(await staffSessionOf(deps, token)).toMatchObject({ ...session, mustEnrol: false });
    clock.advance(31 * 60_000);
    expect(await staffSessionOf(deps, token)).toBeNull();
  });

  test("a wrong password or an unknown login is refused with the same words", async () => {
    const { deps } = await fresh();
    await expect(signIn(deps, "TS0001", "wrong")).rejects.toMatchObject({
      code: "unauthenticated",
      message: "工号或密码不正确",
    });
    await expect(signIn(deps, "NOBODY", "demo-staff")).rejects.toMatchObject({
      code: "unauthenticated",
      message: "工号或密码不正确",
    });
  });

  test("the org admin and bureau accounts carry their roles", async () => {
    const { deps } = await fresh();
    expect((await signedIn(deps, "admin-440781", "demo-admin")).session).toMatchObject({
      role: "org_admin",
      staffId: null,
    });
    expect((await signedIn(deps, "bureau", "demo-bureau")).session).toMatchObject({
      role: "bureau",
    });
  });
});

describe("which cases staff may print or preview", () => {
  test("window staff their window's; the city's admin every case in the city, a town's included; the bureau any", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const town = caseEvent({
      case: { orgCode: "440781101", windowCode: "W02", staffNo: "TS0002" },
    });
    await recordCaseEvent(deps, "test", town);
    const as = async (login: string, password: string) =>
      (await signedIn(deps, login, password)).session;
    await expect(
      caseForStaff(deps, await as("TS0001", "demo-staff"), town.case.serialNo),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(
      (await caseForStaff(deps, await as("TS0002", "demo-staff"), town.case.serialNo)).serialNo,
    ).toBe(town.case.serialNo);
    expect(
      (await caseForStaff(deps, await as("admin-440781", "demo-admin"), town.case.serialNo))
        .serialNo,
    ).toBe(town.case.serialNo);
    expect(
      (await caseForStaff(deps, await as("bureau", "demo-bureau"), town.case.serialNo)).serialNo,
    ).toBe(town.case.serialNo);
  });
});
