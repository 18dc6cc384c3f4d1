import "server-only";

import { type Column, inArray, type SQL } from "drizzle-orm";

import { orgs } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { StaffSession } from "../auth/auth.service";
import { DomainError } from "../errors";

/**
 * What an account may see in the back office (DESIGN §8): the bureau everything, an org admin
 * their org and every org below it. Every admin service takes a Scope and puts it in its WHERE;
 * a record outside it is "not found", never "forbidden" (its existence is not revealed).
 */
export type Scope = { all: true; orgIds: null } | { all: false; orgIds: string[] };

/** The org and all its descendants, by walking the org tree (a few hundred rows at most). */
export async function orgSubtree(db: Reader, rootId: string): Promise<string[]> {
  const rows = await db.select({ id: orgs.id, parentId: orgs.parentId }).from(orgs);
  const children = new Map<string, string[]>();
  for (const r of rows)
    if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export async function scopeOf(
  db: Reader,
  staff: Pick<StaffSession, "role" | "orgId">,
): Promise<Scope> {
  if (staff.role === "bureau") return { all: true, orgIds: null };
  if (staff.role !== "org_admin" || !staff.orgId) throw new DomainError("forbidden", "无权访问");
  return { all: false, orgIds: await orgSubtree(db, staff.orgId) };
}

export function inScope(scope: Scope, orgId: string | null | undefined): boolean {
  return scope.all || (orgId != null && scope.orgIds.includes(orgId));
}

/** The scope as a WHERE condition on an org id column (undefined: no condition, the bureau). */
export function scopeWhere(scope: Scope, column: Column): SQL | undefined {
  return scope.all ? undefined : inArray(column, scope.orgIds);
}

/** A record of another scope is reported as missing (SPEC §7). */
export function assertInScope(scope: Scope, orgId: string | null | undefined, what: string): void {
  if (!inScope(scope, orgId)) throw new DomainError("not_found", `找不到这个${what}`);
}
