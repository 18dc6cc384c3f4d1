import "server-only";
import { eq } from "drizzle-orm";
import { staff, terminals, windows } from "@/db/schema";
import { signIn, type StaffSession } from "../auth/auth.service";
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
}

/** a screen or kiosk is enrolled for a week; enrolment is a staff act, not a citizen's */
const deviceSession = signedCookie<DeviceSession>({
  name: "hcp_device",
  ttlS: 7 * 24 * 3600,
  sameSite: "Strict",
  key: (deps) => cookieKey(deps, "hcp device"),
  toClaims: (d) => ({ sub: d.id, k: d.kind, c: d.code, o: d.orgId }),
  fromClaims: ({ sub, k, c, o }) =>
    (k === "window" || k === "terminal") && typeof c === "string" && typeof o === "string" ? { kind: k, id: sub, code: c, orgId: o } : null,
});

export const DEVICE_COOKIE = deviceSession.name;
export const readDevice = deviceSession.read;
export const deviceCookie = deviceSession.header;

async function findDevice(deps: Deps, kind: DeviceKind, code: string): Promise<DeviceSession | null> {
  const table = kind === "window" ? windows : terminals;
  const [row] = await deps.database.db.select({ id: table.id, code: table.code, orgId: table.orgId }).from(table).where(eq(table.code, code));
  return row ? { kind, ...row } : null;
}

/** Who may enrol a device: the window's own staff (a terminal: staff of its org), an admin of its org or one above it, or the bureau. */
async function mayEnrol(deps: Deps, who: StaffSession, device: DeviceSession): Promise<boolean> {
  if (who.role === "bureau") return true;
  if (who.role === "org_admin") return who.orgId !== null && isWithinOrg(deps.database.db, device.orgId, who.orgId);
  if (!who.staffId) return false;
  const [me] = await deps.database.db.select({ windowId: staff.windowId, orgId: staff.orgId }).from(staff).where(eq(staff.id, who.staffId));
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
  const { session } = await signIn(deps, login, password, clientAddress);
  const device = await findDevice(deps, kind, code);
  if (!device) throw new DomainError("not_found", kind === "window" ? `没有编号为 ${code} 的窗口` : `没有编号为 ${code} 的自助终端`);
  if (!(await mayEnrol(deps, session, device))) throw new DomainError("forbidden", "只有本窗口的工作人员或本单位管理员可以登记这台设备");
  return { device, token: await deviceSession.sign(deps, device) };
}

/** The page of one device: enrolled for exactly this window or terminal, or not at all. */
export function deviceFor(device: DeviceSession | null, kind: DeviceKind, code: string): DeviceSession | null {
  return device && device.kind === kind && device.code === code ? device : null;
}
