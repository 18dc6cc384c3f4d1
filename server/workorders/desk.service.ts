import "server-only";

import { and, asc, eq, gte, inArray, lt, lte, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import { cases, items, orgs, ratings, staff, windows, workOrders } from "@/db/schema";

import type { AdminCtx } from "../access/admin-ctx";
import { orgSubtree, type Scope } from "../access/scope";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { parseScores } from "../ratings/scores";
import { ratingLevel } from "../ratings/vocabulary";
import { DAY, shanghaiMidnight } from "../time/shanghai";
import type { TWorkOrderPage, TWorkOrderQuery, TWorkOrderRow } from "./desk.schema";
import { isEnded, isOverdue } from "./workorders.rules";

/** The keyset cursor: the last row's place in (done, dueAt, id) order. */
const cursorOf = (r: { done: number; dueAt: number; id: string }) =>
  Buffer.from(JSON.stringify([r.done, r.dueAt, r.id])).toString("base64url");
function parseCursor(s: string): [number, number, string] {
  try {
    const v = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      typeof v[0] === "number" &&
      typeof v[1] === "number" &&
      typeof v[2] === "string"
    )
      return [v[0], v[1], v[2]];
  } catch {
    // falls through to the refusal
  }
  throw new DomainError("invalid", "翻页参数无效，请回到第一页", { field: "after" });
}

/** An org filter narrows the scope to that org and the orgs below it; an org outside the scope matches nothing. */
async function orgFilter(deps: Deps, scope: Scope, orgCode: string): Promise<string[]> {
  const [org] = await deps.database.db
    .select({ id: orgs.id })
    .from(orgs)
    .where(eq(orgs.code, orgCode));
  if (!org) return [];
  const subtree = await orgSubtree(deps.database.db, org.id);
  return scope.all ? subtree : subtree.filter((id) => scope.orgIds.includes(id));
}

const orderOrg = alias(orgs, "order_org");

/**
 * Up to this many orgs (a town and its villages) each is read on its own index; a wider scope is
 * most of the city, where one pass over (done, due_at, id) fills a page soon, and each branch
 * costs its share of planning (24 branches: ≈ 17 ms in bench:admin, against ≈ 1.5 ms).
 */
const BRANCHES_MAX = 8;

/**
 * A page's ids in a scope of several orgs (a town and its villages): each org's first `n` on its
 * own index (org_id, done, due_at, id), united — at most orgs × n rows whatever the table holds.
 * With `org_id IN (…)` SQLite walks (done, due_at, id) instead and skips other orgs' orders, so a
 * small town's page grew with the city's orders (bench:admin).
 */
function pagePerOrg(deps: Deps, orgIds: string[], where: (SQL | undefined)[], n: number): SQL {
  const branch = (orgId: string) =>
    deps.database.db
      .select({ id: workOrders.id })
      .from(workOrders)
      .leftJoin(cases, eq(cases.id, workOrders.caseId))
      .leftJoin(items, eq(items.id, cases.itemId))
      .leftJoin(ratings, eq(ratings.id, workOrders.ratingId))
      .leftJoin(windows, eq(windows.id, ratings.windowId))
      .where(and(eq(workOrders.orgId, orgId), ...where))
      .orderBy(asc(workOrders.done), asc(workOrders.dueAt), asc(workOrders.id))
      .limit(n);
  // SQLite takes ORDER BY … LIMIT in a compound member only inside a subquery
  return sql.join(
    orgIds.map((o) => sql`select id from (${branch(o)})`),
    sql` union all `,
  );
}

/**
 * The desk's list (SPEC §7): the scope in the WHERE, open orders first by deadline (so overdue
 * ones lead), then ended ones; keyset pages over the index (done, due_at, id).
 */
export async function listWorkOrders(
  { deps, scope }: Pick<AdminCtx, "deps" | "scope">,
  q: TWorkOrderQuery,
): Promise<TWorkOrderPage> {
  const now = deps.clock.now();
  const where: (SQL | undefined)[] = [];
  if (q.status === "overdue") where.push(eq(workOrders.done, 0), lte(workOrders.dueAt, now));
  // the status decides `done`; saying so keeps the scan inside that part of the (done, due_at, id) index
  else if (q.status)
    where.push(eq(workOrders.done, isEnded(q.status) ? 1 : 0), eq(workOrders.status, q.status));
  if (q.item) where.push(eq(items.code, q.item));
  if (q.window) where.push(eq(windows.code, q.window));
  if (q.from) where.push(gte(workOrders.createdAt, shanghaiMidnight(q.from)));
  if (q.to) where.push(lt(workOrders.createdAt, shanghaiMidnight(q.to) + DAY));
  if (q.after) {
    const [done, dueAt, id] = parseCursor(q.after);
    where.push(
      sql`(${workOrders.done}, ${workOrders.dueAt}, ${workOrders.id}) > (${done}, ${dueAt}, ${id})`,
    );
  }
  // the orgs to list: the scope (the bureau: all), narrowed by the org filter
  const orgIds = q.org ? await orgFilter(deps, scope, q.org) : scope.all ? null : scope.orgIds;
  if (orgIds?.length === 0) return { rows: [], next: null };
  if (orgIds && orgIds.length > 1 && orgIds.length <= BRANCHES_MAX)
    where.push(sql`${workOrders.id} in (${pagePerOrg(deps, orgIds, where, q.limit + 1)})`);
  else if (orgIds) where.push(inArray(workOrders.orgId, orgIds));
  const rows = await deps.database.db
    .select({
      id: workOrders.id,
      done: workOrders.done,
      status: workOrders.status,
      basis: workOrders.basis,
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
  const page = rows.slice(0, q.limit).map((r): TWorkOrderRow => ({
    id: r.id,
    serialNo: r.serialNo,
    callId: r.callId,
    itemName: r.itemName,
    orgName: r.orgName,
    windowCode: r.windowCode,
    staffName: r.staffName,
    level: ratingLevel(r.overall, parseScores(r.scores)),
    status: r.status,
    basis: r.basis,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    overdue: isOverdue(r, now),
  }));
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  return { rows: page, next: last ? cursorOf(last) : null };
}
