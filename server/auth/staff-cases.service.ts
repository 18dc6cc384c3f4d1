import "server-only";

import { desc, eq, inArray } from "drizzle-orm";

import { cases, items, ratingStages, staff } from "@/db/schema";

import { isWithinOrg } from "../catalog/catalog.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import type { StaffSession } from "./auth.service";

/** The cases of the signed-in staff member's window, newest first, with their stages (no rater PII). */
export async function myWindowCases(deps: Deps, session: StaffSession, limit = 50) {
  if (!session.staffId) throw new DomainError("forbidden", "只有窗口工作人员有本窗口的办件");
  const db = deps.database.db;
  const [me] = await db
    .select({ windowId: staff.windowId })
    .from(staff)
    .where(eq(staff.id, session.staffId));
  if (!me?.windowId) return [];
  const rows = await db
    .select({
      id: cases.id,
      serialNo: cases.serialNo,
      status: cases.status,
      updatedAt: cases.updatedAt,
      itemName: items.name,
    })
    .from(cases)
    .innerJoin(items, eq(items.id, cases.itemId))
    .where(eq(cases.windowId, me.windowId))
    .orderBy(desc(cases.updatedAt))
    .limit(limit);
  const stages = rows.length
    ? await db
        .select()
        .from(ratingStages)
        .where(
          inArray(
            ratingStages.caseId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({
    serialNo: r.serialNo,
    itemName: r.itemName,
    status: r.status,
    updatedAt: r.updatedAt,
    stages: stages
      .filter((s) => s.caseId === r.id)
      .map((s) => ({ stage: s.stage, status: s.status })),
  }));
}

/**
 * A case the signed-in person may print or preview: staff only their window's, an org admin
 * their org's and those below it, the bureau any. Anything else is "not found", so serial numbers can't be probed.
 */
export async function caseForStaff(deps: Deps, session: StaffSession, serialNo: string) {
  const db = deps.database.db;
  const [c] = await db.select().from(cases).where(eq(cases.serialNo, serialNo));
  let mayUse = c !== undefined && session.role === "bureau";
  // an org admin looks after their org and everything below it, as when enrolling its devices
  if (c && session.role === "org_admin")
    mayUse = session.orgId !== null && (await isWithinOrg(db, c.orgId, session.orgId));
  if (c && session.role === "staff" && session.staffId) {
    const [me] = await db
      .select({ windowId: staff.windowId })
      .from(staff)
      .where(eq(staff.id, session.staffId));
    mayUse = me?.windowId != null && me.windowId === c.windowId;
  }
  if (!c || !mayUse) throw new DomainError("not_found", "找不到这个办件，或它不是本窗口的办件");
  return c;
}
