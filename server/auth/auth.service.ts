import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { jwtVerify, SignJWT } from "jose";
import { accounts } from "@/db/schema";
import { cookieKey, type Deps } from "../deps";
import { DomainError } from "../errors";

export const STAFF_COOKIE = "hcp_staff";
const TTL_S = 8 * 3600;

export interface StaffSession {
  accountId: string;
  role: "staff" | "org_admin" | "bureau";
  staffId: string | null;
  orgId: string | null;
  displayName: string;
}

// a hash to verify against when the login is unknown, so both answers take the same time
let dummy: Promise<string> | undefined;

const staffKey = (deps: Deps) => cookieKey(deps, "hcp staff session");

/** 工号 (or admin login) and password → a signed 8-hour staff session. */
export async function signIn(deps: Deps, login: string, password: string): Promise<{ session: StaffSession; token: string }> {
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.login, login.trim()));
  dummy ??= hash("not a real password");
  const ok = await verify(a?.passwordHash ?? (await dummy), password).catch(() => false);
  if (!a || !ok || !a.active) throw new DomainError("unauthenticated", "工号或密码不正确");
  const session: StaffSession = { accountId: a.id, role: a.role, staffId: a.staffId, orgId: a.orgId, displayName: a.displayName };
  const now = Math.floor(deps.clock.now() / 1000);
  const token = await new SignJWT({ r: a.role, s: a.staffId, o: a.orgId, n: a.displayName })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(a.id)
    .setIssuedAt(now)
    .setExpirationTime(now + TTL_S)
    .sign(staffKey(deps));
  return { session, token };
}

export async function readStaffSession(deps: Deps, token: string | undefined): Promise<StaffSession | null> {
  if (!token) return null;
  try {
    const { payload: p } = await jwtVerify(token, staffKey(deps), { algorithms: ["HS256"], currentDate: new Date(deps.clock.now()) });
    if (!p.sub || (p.r !== "staff" && p.r !== "org_admin" && p.r !== "bureau")) return null;
    return { accountId: p.sub, role: p.r, staffId: (p.s as string | null) ?? null, orgId: (p.o as string | null) ?? null, displayName: typeof p.n === "string" ? p.n : "" };
  } catch {
    return null;
  }
}

export function staffCookie(deps: Deps, token: string, maxAge = TTL_S): string {
  return `${STAFF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${deps.settings.secureCookies ? "; Secure" : ""}`;
}
