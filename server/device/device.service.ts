import "server-only";
import { eq } from "drizzle-orm";
import { jwtVerify, SignJWT } from "jose";
import { staff, terminals, windows } from "@/db/schema";
import { signIn, type StaffSession } from "../auth/auth.service";
import { isWithinOrg } from "../catalog/catalog.service";
import { cookieKey, type Deps } from "../deps";
import { DomainError } from "../errors";

export const DEVICE_COOKIE = "hcp_device";
/** a screen or kiosk is enrolled for a week; enrolment is a staff act, not a citizen's */
const TTL_S = 7 * 24 * 3600;

export type DeviceKind = "window" | "terminal";
export interface DeviceSession {
  kind: DeviceKind;
  /** windows.id or terminals.id */
  id: string;
  /** the printed code: W01, T01 */
  code: string;
  orgId: string;
}

const deviceKey = (deps: Deps) => cookieKey(deps, "hcp device");

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
export async function enrolDevice(deps: Deps, kind: DeviceKind, code: string, login: string, password: string): Promise<{ device: DeviceSession; token: string }> {
  const { session } = await signIn(deps, login, password);
  const device = await findDevice(deps, kind, code);
  if (!device) throw new DomainError("not_found", kind === "window" ? `没有编号为 ${code} 的窗口` : `没有编号为 ${code} 的自助终端`);
  if (!(await mayEnrol(deps, session, device))) throw new DomainError("forbidden", "只有本窗口的工作人员或本单位管理员可以登记这台设备");
  const now = Math.floor(deps.clock.now() / 1000);
  const token = await new SignJWT({ k: kind, c: device.code, o: device.orgId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(device.id)
    .setIssuedAt(now)
    .setExpirationTime(now + TTL_S)
    .sign(deviceKey(deps));
  return { device, token };
}

export async function readDevice(deps: Deps, token: string | undefined): Promise<DeviceSession | null> {
  if (!token) return null;
  try {
    const { payload: p } = await jwtVerify(token, deviceKey(deps), { algorithms: ["HS256"], currentDate: new Date(deps.clock.now()) });
    if (!p.sub || (p.k !== "window" && p.k !== "terminal") || typeof p.c !== "string" || typeof p.o !== "string") return null;
    return { kind: p.k, id: p.sub, code: p.c, orgId: p.o };
  } catch {
    return null;
  }
}

export function deviceCookie(deps: Deps, token: string, maxAge = TTL_S): string {
  return `${DEVICE_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.settings.secureCookies ? "; Secure" : ""}`;
}

/** The page of one device: enrolled for exactly this window or terminal, or not at all. */
export function deviceFor(device: DeviceSession | null, kind: DeviceKind, code: string): DeviceSession | null {
  return device && device.kind === kind && device.code === code ? device : null;
}
