import "server-only";

import { asc, eq } from "drizzle-orm";

import { items, orgs, staff, windows } from "@/db/schema";

import type { ScopedCtx } from "../access/admin-ctx";
import { scopeWhere } from "../access/scope";

export interface PickOption {
  code: string;
  name: string;
}

/**
 * What the back office's filters offer by name (SPEC §7: orgs, items, windows and staff picked by
 * name, not typed as codes): those of my scope, each with the code the URL keeps.
 */
export async function pickOptions({
  deps,
  scope,
}: ScopedCtx): Promise<Record<"orgs" | "items" | "windows" | "staff", PickOption[]>> {
  const db = deps.database.db;
  const [o, i, w, s] = await Promise.all([
    db
      .select({ code: orgs.code, name: orgs.name })
      .from(orgs)
      .where(scopeWhere(scope, orgs.id))
      .orderBy(asc(orgs.code)),
    db
      .select({ code: items.code, name: items.name })
      .from(items)
      .where(scopeWhere(scope, items.orgId))
      .orderBy(asc(items.code)),
    db
      .select({ code: windows.code, name: windows.name })
      .from(windows)
      .where(scopeWhere(scope, windows.orgId))
      .orderBy(asc(windows.code)),
    db
      .select({ code: staff.staffNo, name: staff.name, window: windows.code })
      .from(staff)
      .leftJoin(windows, eq(windows.id, staff.windowId))
      .where(scopeWhere(scope, staff.orgId))
      .orderBy(asc(staff.staffNo)),
  ]);
  return {
    orgs: o,
    items: i,
    windows: w,
    staff: s.map((p) => ({ code: p.code, name: p.window ? `${p.name} · ${p.window}` : p.name })),
  };
}
