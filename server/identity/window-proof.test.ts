import { describe, expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { issueCode, verifyToken } from "../qr/qr.service";
import { proveWithWindowCode } from "./window-proof.service";

const fresh = perTestDeps();

describe("window proof (SPEC §5): the window checked the ID, and its screen showed the code", () => {
  test("a code W01's enrolled screen showed for its case proves the applicant, once", async () => {
    const { deps } = await fresh();
    const c = await completedCase(deps, { case: { windowCode: "W01", staffNo: "TS0001" } });
    const shown = await issueCode(
      deps,
      { serialNo: c.serialNo, kind: "dynamic", windowCode: "W01", staffNo: "TS0001" },
      { byScreen: true },
    );
    expect((await verifyToken(deps, shown.token)).screen).toBe(true);
    expect(await proveWithWindowCode(deps, shown.token)).toEqual({
      applicantId: c.applicantId,
      proof: "window",
    });
    await expect(proveWithWindowCode(deps, shown.token)).rejects.toMatchObject({ code: "gone" });
  });

  test("a dynamic code minted with a cases key (POST /api/v1/qr-codes) proves no one, even naming the case's window", async () => {
    const { deps } = await fresh();
    const c = await completedCase(deps, { case: { windowCode: "W01", staffNo: "TS0001" } });
    const minted = await issueCode(deps, {
      serialNo: c.serialNo,
      kind: "dynamic",
      windowCode: "W01",
      staffNo: "TS0001",
    });
    expect((await verifyToken(deps, minted.token)).screen).toBeUndefined();
    await expect(proveWithWindowCode(deps, minted.token)).rejects.toMatchObject({
      code: "invalid",
      message: "只有窗口显示的二维码可以直接确认身份",
    });
  });

  test("a screen's code naming another window than the one that served the case proves no one", async () => {
    const { deps } = await fresh();
    const c = await completedCase(deps, { case: { windowCode: "W01", staffNo: "TS0001" } });
    const other = await issueCode(
      deps,
      { serialNo: c.serialNo, kind: "dynamic", windowCode: "W02", staffNo: "TS0002" },
      { byScreen: true },
    );
    await expect(proveWithWindowCode(deps, other.token)).rejects.toMatchObject({ code: "invalid" });
  });
});
