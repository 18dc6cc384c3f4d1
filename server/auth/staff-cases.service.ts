import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { cases, items, ratingStages, staff } from "@/db/schema";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import type { StaffSession } from "./auth.service";

/** The cases of the signed-in staff member's window, newest first, with their stages (no rater PII). */
export async function myWindowCases(deps: Deps, session: StaffSession, limit = 50) {
  if (!session.staffId) throw new DomainError("forbidden", "只有窗口工作人员有本窗口的办件");
  const db = deps.database.db;
  const [me] = await db.select({ windowId: staff.windowId }).from(staff).where(eq(staff.id, session.staffId));
  if (!me?.windowId) return [];
  const rows = await db
    .select({ id: cases.id, serialNo: cases.serialNo, status: cases.status, updatedAt: cases.updatedAt, itemName: items.name })
    .from(cases)
    .innerJoin(items, eq(items.id, cases.itemId))
    .where(eq(cases.windowId, me.windowId))
    .orderBy(desc(cases.updatedAt))
    .limit(limit);
  const stages = rows.length ? await db.select().from(ratingStages).where(inArray(ratingStages.caseId, rows.map((r) => r.id))) : [];
  return rows.map((r) => ({
    serialNo: r.serialNo,
    itemName: r.itemName,
    status: r.status,
    updatedAt: r.updatedAt,
    stages: stages.filter((s) => s.caseId === r.id).map((s) => ({ stage: s.stage, status: s.status })),
  }));
}
