import "server-only";

import { and, eq, isNull, sql } from "drizzle-orm";

import { $, columns, query } from "@/db/prepared";
import { staff, terminals, windows } from "@/db/schema";

import type { ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { checkPassword, type StaffSession } from "../auth/auth.service";
import { isWithinOrg } from "../catalog/catalog.service";
import { cookieKey, type Deps } from "../deps";
import { DomainError } from "../errors";
import { signedCookie } from "../signed-cookie";

export type DeviceKind = "window" | "terminal";
export interface DeviceSession {
  kind: DeviceKind;
  /** windows.id or terminals.id */
  id: string;
  /** the printed code: W01, T01 */
  code: string;
  orgId: string;
  /** when it was enrolled (seconds): a revocation refuses every device enrolled before it */
  enrolledAt: number;
}

/** a screen or kiosk is enrolled for a week; enrolment is a staff act, not a citizen's */
const deviceSession = signedCookie<DeviceSession>({
  name: "hcp_device",
  ttlS: 7 * 24 * 3600,
  sameSite: "Strict",
  key: (deps) => cookieKey(deps, "hcp device"),
  toClaims: (d) => ({ sub: d.id, k: d.kind, c: d.code, o: d.orgId }),
  fromClaims: ({ sub, k, c, o, iat }) =>
    (k === "window" || k === "terminal") &&
    typeof c === "string" &&
    typeof o === "string" &&
    typeof iat === "number"
      ? { kind: k, id: sub, code: c, orgId: o, enrolledAt: iat }
      : null,
});

export const DEVICE_COOKIE = deviceSession.name;
export const readDevice = deviceSession.read;
export const deviceCookie = deviceSession.header;

async function findDevice(
  deps: Deps,
  kind: DeviceKind,
  code: string,
): Promise<DeviceSession | null> {
  const table = kind === "window" ? windows : terminals;
  const [row] = await deps.database.db
    .select({ id: table.id, code: table.code, orgId: table.orgId })
    .from(table)
    .where(and(eq(table.code, code), isNull(table.retiredAt)));
  return row ? { kind, ...row, enrolledAt: Math.floor(deps.clock.now() / 1000) } : null;
}

const stateOf = {
  window: query<{ retiredAt: number | null; revokedAt: number | null }>(
    () =>
      sql`select ${columns({ retiredAt: windows.retiredAt, revokedAt: windows.devicesRevokedAt })} from ${windows} where ${windows.id} = ${$("id")}`,
  ),
  terminal: query<{ retiredAt: number | null; revokedAt: number | null }>(
    () =>
      sql`select ${columns({ retiredAt: terminals.retiredAt, revokedAt: terminals.devicesRevokedAt })} from ${terminals} where ${terminals.id} = ${$("id")}`,
  ),
};

/**
 * The device a request's cookie names, if it may still act: its window or terminal is in use and
 * nobody revoked the devices enrolled for it since this one was (a lost or stolen screen or kiosk);
 * a signed cookie alone would stay good for its whole week. The one way pages and tRPC read it.
 */
export async function deviceOf(
  deps: Deps,
  cookie: string | undefined | null,
): Promise<DeviceSession | null> {
  const device = readDevice(deps, cookie);
  if (!device) return null;
  const row = await stateOf[device.kind].get(deps.database.db, { id: device.id });
  if (!row || row.retiredAt !== null) return null;
  return row.revokedAt !== null && device.enrolledAt * 1000 <= row.revokedAt ? null : device;
}

/** The bureau revokes every device enrolled for a window or terminal so far (audited); staff enrol it again. */
export async function revokeDevices(
  { deps, actor }: ActorCtx,
  { kind, id }: { kind: DeviceKind; id: string },
): Promise<void> {
  const table = kind === "window" ? windows : terminals;
  const now = deps.clock.now();
  await deps.database.write(async (tx) => {
    const [row] = await tx
      .select({ code: table.code, orgId: table.orgId })
      .from(table)
      .where(eq(table.id, id));
    if (!row)
      throw new DomainError(
        "not_found",
        kind === "window" ? "找不到这个窗口" : "找不到这台自助终端",
      );
    await tx.update(table).set({ devicesRevokedAt: now }).where(eq(table.id, id));
    await audit(
      deps,
      actor,
      {
        action: "device.revoke",
        target: `${kind}:${id}`,
        orgId: row.orgId,
        detail: { code: row.code },
      },
      tx,
    );
  });
}

/** Who may enrol a device: the window's own staff (a terminal: staff of its org), an admin of its org or one above it, or the bureau. */
async function mayEnrol(deps: Deps, who: StaffSession, device: DeviceSession): Promise<boolean> {
  if (who.role === "bureau") return true;
  if (who.role === "org_admin")
    return who.orgId !== null && isWithinOrg(deps.database.db, device.orgId, who.orgId);
  if (!who.staffId) return false;
  const [me] = await deps.database.db
    .select({ windowId: staff.windowId, orgId: staff.orgId })
    .from(staff)
    .where(eq(staff.id, who.staffId));
  return device.kind === "window" ? me?.windowId === device.id : me?.orgId === device.orgId;
}

/**
 * A window screen or a self-service terminal is enrolled by staff signing in on it once. The
 * device gets its own signed cookie — never the staff session, so nobody's staff account stays
 * open on a screen the public touches, and the screen's ratings are never a staff member's.
 */
export async function enrolDevice(
  deps: Deps,
  kind: DeviceKind,
  code: string,
  login: string,
  password: string,
  clientAddress = "direct",
): Promise<{ device: DeviceSession; token: string }> {
  // the password alone: a screen is enrolled, nobody is signed in on it (so no session and no 动态口令)
  const a = await checkPassword(deps, login, password, { address: clientAddress, userAgent: null });
  const session: StaffSession = {
    accountId: a.id,
    role: a.role,
    staffId: a.staffId,
    orgId: a.orgId,
    displayName: a.displayName,
  };
  const device = await findDevice(deps, kind, code);
  if (!device)
    throw new DomainError(
      "not_found",
      kind === "window" ? `没有编号为 ${code} 的窗口` : `没有编号为 ${code} 的自助终端`,
    );
  if (!(await mayEnrol(deps, session, device)))
    throw new DomainError("forbidden", "只有本窗口的工作人员或本单位管理员可以登记这台设备");
  return { device, token: await deviceSession.sign(deps, device) };
}

/** The page of one device: enrolled for exactly this window or terminal, or not at all. */
export function deviceFor(
  device: DeviceSession | null,
  kind: DeviceKind,
  code: string,
): DeviceSession | null {
  return device && device.kind === kind && device.code === code ? device : null;
}
