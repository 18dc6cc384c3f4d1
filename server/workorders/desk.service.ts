import "server-only";
import { and, asc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { cases, items, orgs, ratings, staff, windows, workOrders } from "@/db/schema";
import { LEVELS } from "@/db/schema";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { orgSubtree, scopeWhere, type Scope } from "../access/scope";
import type { Score } from "../ratings/ratings.rules";
import { DAY, shanghaiMidnight } from "../time/shanghai";
import type { TWorkOrderPage, TWorkOrderQuery, TWorkOrderRow } from "./desk.schema";
import { isOverdue } from "./workorders.rules";

type Level = (typeof LEVELS)[number];

/** SPEC §9: a rating's level is its 总体评价, else the lowest level it gave. */
export function ratingLevel(overall: Level | null, scoresJson: string): Level | null {
  if (overall) return overall;
  const scores = JSON.parse(scoresJson) as Score[];
  return scores.reduce<Level | null>((low, s) => (low === null || LEVELS.indexOf(s.level) > LEVELS.indexOf(low) ? s.level : low), null);
}

/** The keyset cursor: the last row's place in (done, dueAt, id) order. */
const cursorOf = (r: { done: number; dueAt: number; id: string }) => Buffer.from(JSON.stringify([r.done, r.dueAt, r.id])).toString("base64url");
function parseCursor(s: string): [number, number, string] {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 3 && typeof v[0] === "number" && typeof v[1] === "number" && typeof v[2] === "string") return [v[0], v[1], v[2]];
  } catch {
    // falls through to the refusal
  }
  throw new DomainError("invalid", "翻页参数无效，请回到第一页", { field: "after" });
}

/** An org filter narrows the scope to that org and the orgs below it; an org outside the scope matches nothing. */
async function orgFilter(deps: Deps, scope: Scope, orgCode: string): Promise<string[]> {
  const [org] = await deps.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, orgCode));
  if (!org) return [];
  const subtree = await orgSubtree(deps.database.db, org.id);
  return scope.all ? subtree : subtree.filter((id) => scope.orgIds.includes(id));
}

const orderOrg = alias(orgs, "order_org");

/**
 * The desk's list (SPEC §7): the scope in the WHERE, open orders first by deadline (so overdue
 * ones lead), then ended ones; keyset pages over the index (done, due_at, id).
 */
export async function listWorkOrders(deps: Deps, scope: Scope, q: TWorkOrderQuery): Promise<TWorkOrderPage> {
  const now = deps.clock.now();
  const where: (SQL | undefined)[] = [scopeWhere(scope, workOrders.orgId)];
  if (q.status === "overdue") where.push(eq(workOrders.done, 0), lte(workOrders.dueAt, now));
  else if (q.status) where.push(eq(workOrders.status, q.status));
  if (q.org) where.push(inArray(workOrders.orgId, await orgFilter(deps, scope, q.org)));
  if (q.item) where.push(eq(items.code, q.item));
  if (q.window) where.push(eq(windows.code, q.window));
  if (q.from) where.push(gte(workOrders.createdAt, shanghaiMidnight(q.from)));
  if (q.to) where.push(lt(workOrders.createdAt, shanghaiMidnight(q.to) + DAY));
  if (q.after) {
    const [done, dueAt, id] = parseCursor(q.after);
    where.push(sql`(${workOrders.done}, ${workOrders.dueAt}, ${workOrders.id}) > (${done}, ${dueAt}, ${id})`);
  }
  const rows = await deps.database.db
    .select({
      id: workOrders.id,
      done: workOrders.done,
      status: workOrders.status,
      dueAt: workOrders.dueAt,
      createdAt: workOrders.createdAt,
      serialNo: cases.serialNo,
      callId: ratings.callId,
      itemName: items.name,
      orgName: orderOrg.name,
      windowCode: windows.code,
      staffName: staff.name,
      overall: ratings.overallLevel,
      scores: ratings.scores,
    })
    .from(workOrders)
    .innerJoin(ratings, eq(ratings.id, workOrders.ratingId))
    .leftJoin(cases, eq(cases.id, workOrders.caseId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .leftJoin(orderOrg, eq(orderOrg.id, workOrders.orgId))
    .leftJoin(windows, eq(windows.id, ratings.windowId))
    .leftJoin(staff, eq(staff.id, ratings.staffId))
    .where(and(...where))
    .orderBy(asc(workOrders.done), asc(workOrders.dueAt), asc(workOrders.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).map(
    (r): TWorkOrderRow => ({
      id: r.id,
      serialNo: r.serialNo,
      callId: r.callId,
      itemName: r.itemName,
      orgName: r.orgName,
      windowCode: r.windowCode,
      staffName: r.staffName,
      level: ratingLevel(r.overall, r.scores),
      status: r.status,
      createdAt: r.createdAt,
      dueAt: r.dueAt,
      overdue: isOverdue(r, now),
    }),
  );
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  return { rows: page, next: last ? cursorOf(last) : null };
}
