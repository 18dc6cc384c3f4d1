import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { accounts } from "@/db/schema";
import { cookieKey, type Deps } from "../deps";
import { DomainError } from "../errors";
import { signedCookie } from "../signed-cookie";

export interface StaffSession {
  accountId: string;
  role: "staff" | "org_admin" | "bureau";
  staffId: string | null;
  orgId: string | null;
  displayName: string;
}

const ROLES = accounts.role.enumValues;

/** A staff sign-in: 8 hours. */
const staffSession = signedCookie<StaffSession>({
  name: "hcp_staff",
  ttlS: 8 * 3600,
  sameSite: "Lax",
  key: (deps) => cookieKey(deps, "hcp staff session"),
  toClaims: (s) => ({ sub: s.accountId, r: s.role, s: s.staffId, o: s.orgId, n: s.displayName }),
  fromClaims: (p) => {
    const role = ROLES.find((r) => r === p.r);
    if (!role) return null;
    return { accountId: p.sub, role, staffId: (p.s as string | null) ?? null, orgId: (p.o as string | null) ?? null, displayName: typeof p.n === "string" ? p.n : "" };
  },
});

export const STAFF_COOKIE = staffSession.name;
export const readStaffSession = staffSession.read;
export const staffCookie = staffSession.header;

// a hash to verify against when the login is unknown, so both answers take the same time
let dummy: Promise<string> | undefined;

/** 工号 (or admin login) and password → a signed 8-hour staff session. */
export async function signIn(deps: Deps, login: string, password: string): Promise<{ session: StaffSession; token: string }> {
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.login, login.trim()));
  dummy ??= hash("not a real password");
  const ok = await verify(a?.passwordHash ?? (await dummy), password).catch(() => false);
  if (!a || !ok || !a.active) throw new DomainError("unauthenticated", "工号或密码不正确");
  const session: StaffSession = { accountId: a.id, role: a.role, staffId: a.staffId, orgId: a.orgId, displayName: a.displayName };
  return { session, token: await staffSession.sign(deps, session) };
}
