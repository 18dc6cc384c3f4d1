import "server-only";

import { and, asc, count, desc, eq, gt, isNull, lte, type SQL, sql } from "drizzle-orm";

import {
  appealDecisions,
  appeals,
  cases,
  items,
  orgs,
  ratings,
  staff,
  superviseNotices,
  workOrders,
} from "@/db/schema";
import type { Reader } from "@/db/types";

import type { AdminCtx } from "../access/admin-ctx";
import { type Scope, scopeWhere } from "../access/scope";
import type { Deps } from "../deps";
import { workOrderDueAt } from "../workorders/deadline";

/** SPEC §9: an order due within this many working days is a 待办 (and its handlers get one SMS). */
export const DUE_SOON_WORKING_DAYS = 2;

/** 24:00 of the 2nd working day after today: an open order due by then is due soon (DESIGN §7's calendar). */
export const dueSoonLimit = (db: Reader, now: number) =>
  workOrderDueAt(db, now, DUE_SOON_WORKING_DAYS);

export type TaskKind = "new" | "due" | "overdue" | "supervise" | "appeal";

export interface TaskItem {
  id: string;
  href: string;
  serialNo: string | null;
  itemName: string | null;
  orgName: string | null;
  at: number;
  dueAt: number | null;
  basis: "overall" | "service" | null;
  note: string | null;
}

export interface TaskGroup {
  kind: TaskKind;
  title: string;
  count: number;
  items: TaskItem[];
}

const SHOWN = 50;
const TITLE: Record<TaskKind, string> = {
  new: "新差评工单（尚未回访）",
  due: "2 个工作日内到期",
  overdue: "已逾期",
  supervise: "督办",
  appeal: "待裁定的申诉",
};

/** The four lists of not-ended orders, each a WHERE on (org, done, due_at) — the desk's own index. */
function orderConds(kind: "new" | "due" | "overdue", now: number, soon: number): SQL[] {
  const open = eq(workOrders.done, 0);
  if (kind === "overdue") return [open, lte(workOrders.dueAt, now)];
  if (kind === "due") return [open, gt(workOrders.dueAt, now), lte(workOrders.dueAt, soon)];
  return [open, eq(workOrders.status, "open"), gt(workOrders.dueAt, soon)];
}

/** A list's first rows: orders (or the 督办 notices on them, newest first), each with its case, item and org. */
function orderItems(db: Reader, where: SQL | undefined, notices: boolean) {
  const q = db
    .select({
      id: notices ? superviseNotices.id : workOrders.id,
      orderId: workOrders.id,
      serialNo: cases.serialNo,
      itemName: items.name,
      orgName: orgs.name,
      at: notices ? superviseNotices.createdAt : workOrders.createdAt,
      dueAt: workOrders.dueAt,
      basis: workOrders.basis,
      note: notices ? superviseNotices.note : sql<string | null>`null`,
    })
    .from(workOrders)
    .leftJoin(cases, eq(cases.id, workOrders.caseId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .leftJoin(orgs, eq(orgs.id, workOrders.orgId))
    .$dynamic();
  return (
    notices ? q.innerJoin(superviseNotices, eq(superviseNotices.workOrderId, workOrders.id)) : q
  )
    .where(where)
    .orderBy(
      ...(notices
        ? [desc(superviseNotices.createdAt)]
        : [asc(workOrders.dueAt), asc(workOrders.id)]),
    )
    .limit(SHOWN);
}

const toItems = (rows: Awaited<ReturnType<typeof orderItems>>): TaskItem[] =>
  rows.map(({ orderId, ...r }) => ({ ...r, href: `/admin/work-orders/${orderId}` }));

async function orderGroup(
  deps: Deps,
  scope: Scope,
  kind: "new" | "due" | "overdue",
  now: number,
  soon: number,
  withItems: boolean,
): Promise<TaskGroup> {
  const db = deps.database.db;
  const where = and(scopeWhere(scope, workOrders.orgId), ...orderConds(kind, now, soon));
  const [n] = await db.select({ n: count() }).from(workOrders).where(where);
  return {
    kind,
    title: TITLE[kind],
    count: n?.n ?? 0,
    items: withItems ? toItems(await orderItems(db, where, false)) : [],
  };
}

/** 督办 notices to my orgs whose order has not ended: the bureau is pressing for them. */
async function superviseGroup(deps: Deps, scope: Scope, withItems: boolean): Promise<TaskGroup> {
  const db = deps.database.db;
  const where = and(scopeWhere(scope, superviseNotices.orgId), eq(workOrders.done, 0));
  const [n] = await db
    .select({ n: count() })
    .from(superviseNotices)
    .innerJoin(workOrders, eq(workOrders.id, superviseNotices.workOrderId))
    .where(where);
  return {
    kind: "supervise",
    title: TITLE.supervise,
    count: n?.n ?? 0,
    items: withItems ? toItems(await orderItems(db, where, true)) : [],
  };
}

/** The bureau's appeals awaiting 采纳 or 驳回 (article 22). */
async function appealGroup(deps: Deps, withItems: boolean): Promise<TaskGroup> {
  const db = deps.database.db;
  const where = isNull(appealDecisions.id);
  const [n] = await db
    .select({ n: count() })
    .from(appeals)
    .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
    .where(where);
  const rows = withItems
    ? await db
        .select({
          id: appeals.id,
          serialNo: cases.serialNo,
          itemName: items.name,
          orgName: orgs.name,
          at: appeals.filedAt,
          staffName: staff.name,
        })
        .from(appeals)
        .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
        .innerJoin(ratings, eq(ratings.id, appeals.ratingId))
        .leftJoin(cases, eq(cases.id, ratings.caseId))
        .leftJoin(items, eq(items.id, cases.itemId))
        .leftJoin(staff, eq(staff.id, appeals.staffId))
        .leftJoin(orgs, eq(orgs.id, appeals.orgId))
        .where(where)
        .orderBy(asc(appeals.filedAt))
        .limit(SHOWN)
    : [];
  return {
    kind: "appeal",
    title: TITLE.appeal,
    count: n?.n ?? 0,
    items: rows.map(({ staffName, ...r }) => ({
      ...r,
      href: `/admin/appeals/${r.id}`,
      dueAt: null,
      basis: null,
      note: staffName ? `工作人员 ${staffName}` : null,
    })),
  };
}

/**
 * 待办 (SPEC §7 `/admin/tasks`): an org admin's new orders not yet revisited, orders due within 2
 * working days, overdue orders and 督办 notices, all of their orgs; the bureau's appeals awaiting
 * decision and every overdue order of the city. `withItems: false` counts only (the navigation).
 */
export async function tasksOf(
  { deps, staff: session, scope }: Pick<AdminCtx, "deps" | "staff" | "scope">,
  withItems = true,
): Promise<{ count: number; groups: TaskGroup[] }> {
  const now = deps.clock.now();
  const soon = await dueSoonLimit(deps.database.db, now);
  const groups =
    session.role === "bureau"
      ? await Promise.all([
          appealGroup(deps, withItems),
          orderGroup(deps, scope, "overdue", now, soon, withItems),
        ])
      : await Promise.all([
          superviseGroup(deps, scope, withItems),
          orderGroup(deps, scope, "overdue", now, soon, withItems),
          orderGroup(deps, scope, "due", now, soon, withItems),
          orderGroup(deps, scope, "new", now, soon, withItems),
        ]);
  return { count: groups.reduce((n, g) => n + g.count, 0), groups };
}
