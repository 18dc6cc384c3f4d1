import "server-only";
import { scopeOf, type Scope } from "../access/scope";
import { readStaffSession, STAFF_COOKIE, type StaffSession } from "../auth/auth.service";
import { getDeps, type Deps } from "../deps";
import { DomainError } from "../errors";
import { cookieValue } from "../signed-cookie";

/**
 * A back-office download (导出 Excel) as a route handler: the signed-in account and its scope, or
 * the same refusals as the admin procedures (401 signed out, 403 window staff / not the bureau).
 */
export async function adminRequest(req: Request, opts: { bureau?: boolean } = {}): Promise<{ deps: Deps; staff: StaffSession; scope: Scope }> {
  const deps = await getDeps();
  const staff = readStaffSession(deps, cookieValue(req.headers.get("cookie"), STAFF_COOKIE));
  if (!staff) throw new DomainError("unauthenticated", "请先登录");
  if (staff.role === "staff" || (opts.bureau && staff.role !== "bureau")) throw new DomainError("forbidden", "无权访问");
  return { deps, staff, scope: await scopeOf(deps.database.db, staff) };
}

export const searchParamsOf = (req: Request) => Object.fromEntries(new URL(req.url).searchParams);
