import { eq } from "drizzle-orm";
import { expect, test } from "vitest";

import { auditLog, ratings } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { completedCase } from "@/tests/rating-fixtures";
import { tamper } from "@/tests/tamper";

import { recordCaseEvent } from "../cases/cases.service";
import { mintCode } from "../qr/qr.service";
import { submitFromDevice, submitRating } from "../ratings/ratings.service";
import { deviceFor, deviceOf, enrolDevice, readDevice } from "./device.service";
import { currentCase, wasRated, windowCode } from "./screen.service";

const fresh = perTestDeps();
const satisfied = (token: string, submissionId: string) => ({
  token,
  submissionId,
  stage: "completion" as const,
  scores: [{ indicatorCode: "overall", level: "satisfied" as const, tagCodes: [] }],
});

test("a device is enrolled by its window's staff or an admin above it; its cookie names it and nothing else", async () => {
  const { deps } = await fresh();
  const { device, token } = await enrolDevice(deps, "window", "W01", "TS0001", "demo-staff");
  expect(device).toMatchObject({ kind: "window", code: "W01" });
  expect(readDevice(deps, token)).toEqual(device);
  expect(deviceFor(readDevice(deps, token), "window", "W02")).toBeNull();
  expect(deviceFor(readDevice(deps, token), "terminal", "W01")).toBeNull();
  expect(readDevice(deps, tamper(token, 2))).toBeNull();

  await expect(enrolDevice(deps, "window", "W01", "TS0002", "demo-staff")).rejects.toMatchObject({
    code: "forbidden",
  });
  await expect(enrolDevice(deps, "window", "W01", "TS0001", "wrong")).rejects.toMatchObject({
    code: "unauthenticated",
  });
  await expect(enrolDevice(deps, "window", "W99", "TS0001", "demo-staff")).rejects.toMatchObject({
    code: "not_found",
  });
  // the city's admin may enrol the hall's kiosk (the hall is below the city); so may the bureau
  expect(
    (await enrolDevice(deps, "terminal", "T01", "admin-440781", "demo-admin")).device.kind,
  ).toBe("terminal");
  expect((await enrolDevice(deps, "window", "W02", "bureau", "demo-bureau")).device.code).toBe(
    "W02",
  );
});

test("the window's current case is its latest with an open stage; once its completion is rated the applicant has left", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const { device } = await enrolDevice(deps, "window", "W01", "TS0001", "demo-staff");
  expect(await currentCase(deps, device)).toBeNull();
  const older = await completedCase(deps);
  clock.advance(60_000);
  const newer = await completedCase(deps);
  expect(await currentCase(deps, device)).toMatchObject({
    serialNo: newer.serialNo,
    stage: "completion",
    staffNo: "TS0001",
    staffName: "李敏",
    count: 1,
  });

  const code = await windowCode(deps, device, newer.serialNo);
  await submitFromDevice(deps, device, satisfied(code.token, "screen-1"));
  expect(await wasRated(deps, { serialNo: newer.serialNo, stage: "completion" })).toBe(true);
  // its receipt stage is still open, but the screen moves on to the older case
  expect((await currentCase(deps, device))?.serialNo).toBe(older.serialNo);
  // a code is only minted for the current case
  await expect(windowCode(deps, device, newer.serialNo)).rejects.toMatchObject({ code: "gone" });
});

test("a window screen rates only with its own live code; a terminal only the cases finished on it", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  const w01 = (await enrolDevice(deps, "window", "W01", "TS0001", "demo-staff")).device;
  const w02 = (await enrolDevice(deps, "window", "W02", "TS0002", "demo-staff")).device;
  const kiosk = (await enrolDevice(deps, "terminal", "T01", "bureau", "demo-bureau")).device;
  const c = await completedCase(deps);

  // a printed (static) code is the applicant's, not the screen's; another window's screen can't use W01's code
  await expect(submitFromDevice(deps, w01, satisfied(c.token, "s-static"))).rejects.toMatchObject({
    code: "forbidden",
  });
  const live = await windowCode(deps, w01, c.serialNo);
  await expect(submitFromDevice(deps, w02, satisfied(live.token, "s-w02"))).rejects.toMatchObject({
    code: "forbidden",
  });
  await expect(submitFromDevice(deps, kiosk, satisfied(c.token, "s-kiosk"))).rejects.toMatchObject({
    code: "forbidden",
  });
  expect(await deps.database.db.$count(ratings)).toBe(0);

  const first = await submitFromDevice(deps, w01, satisfied(live.token, "s-w01"));
  expect(await submitFromDevice(deps, w01, satisfied(live.token, "s-w01"))).toEqual({
    ...first,
    replay: true,
  });
  const [row] = await deps.database.db.select().from(ratings).where(eq(ratings.caseId, c.caseId));
  expect(row).toMatchObject({
    channel: "window_device",
    proof: "window",
    applicantId: c.applicantId,
    overallLevel: "satisfied",
  });

  const at = new Date(deps.clock.now() - 60_000).toISOString();
  const t = caseEvent({
    occurredAt: at,
    case: { channel: "terminal", terminalCode: "T01", windowCode: undefined, staffNo: undefined },
  });
  await recordCaseEvent(deps, "test", t);
  await recordCaseEvent(
    deps,
    "test",
    caseEvent({ type: "terminal_finished", occurredAt: at, case: t.case }),
  );
  expect(await currentCase(deps, kiosk)).toMatchObject({
    serialNo: t.case.serialNo,
    terminalCode: "T01",
    staffNo: null,
  });
  const { token } = await mintCode(deps, { serialNo: t.case.serialNo, kind: "static" });
  await expect(submitFromDevice(deps, w01, satisfied(token, "t-w01"))).rejects.toMatchObject({
    code: "forbidden",
  });
  await submitFromDevice(deps, kiosk, satisfied(token, "t-kiosk"));
  const [kioskRow] = await deps.database.db
    .select()
    .from(ratings)
    .where(eq(ratings.submissionId, "t-kiosk"));
  expect(kioskRow).toMatchObject({ channel: "terminal", proof: "terminal" });
  // a phone session of another applicant still gets wrong_person on the same code
  await expect(
    submitRating(deps, { applicantId: "someone-else", proof: "otp" }, satisfied(token, "t-phone")),
  ).rejects.toMatchObject({ code: "forbidden" });
});

test("a lost screen: the bureau revokes its devices, the old cookie is refused at once, staff enrol it again; a retired window's cookie is refused", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const { token } = await enrolDevice(deps, "window", "W01", "TS0001", "demo-staff");
  const other = await enrolDevice(deps, "window", "W02", "TS0002", "demo-staff");
  expect(await deviceOf(deps, token)).toMatchObject({ code: "W01" });

  const bureau = await callerFor(deps, "bureau");
  const [w01] = await bureau.manage.entities.list({ kind: "windows", q: "W01" });
  clock.advance(60_000);
  await bureau.manage.entities.revokeDevices({ kind: "windows", id: w01!.id });
  // the cookie still verifies, but the device may no longer act; another window's screen goes on
  expect(readDevice(deps, token)).not.toBeNull();
  expect(await deviceOf(deps, token)).toBeNull();
  expect(await deviceOf(deps, other.token)).toMatchObject({ code: "W02" });
  const [audited] = await deps.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "device.revoke"));
  expect(audited).toMatchObject({ target: `window:${w01!.id}` });
  expect(
    (await bureau.manage.entities.list({ kind: "windows", q: "W01" }))[0]?.devicesRevokedAt,
  ).toBe(clock.now());

  clock.advance(1000);
  const again = await enrolDevice(deps, "window", "W01", "TS0001", "demo-staff");
  expect(await deviceOf(deps, again.token)).toMatchObject({ code: "W01" });

  await bureau.manage.entities.retire({ kind: "windows", id: w01!.id, retired: true });
  expect(await deviceOf(deps, again.token)).toBeNull();
  await expect(enrolDevice(deps, "window", "W01", "TS0001", "demo-staff")).rejects.toMatchObject({
    code: "not_found",
  });
  // an org admin cannot revoke: the bureau's desk
  const admin = await callerFor(deps, "admin-440781");
  await expect(
    admin.manage.entities.revokeDevices({ kind: "windows", id: w01!.id }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
});
