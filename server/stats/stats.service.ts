import "server-only";

import { eq, inArray, type SQL, sql } from "drizzle-orm";

import {
  items,
  orgs,
  staff,
  statsDaily,
  statsDailyOrg,
  statsDailyStaff,
  statsMonthly,
  statsMonthlyOrg,
  statsMonthlyStaff,
  windows,
} from "@/db/schema";
import type { Reader } from "@/db/types";

import type { ScopedCtx } from "../access/admin-ctx";
import { orgSubtree, type Scope } from "../access/scope";
import { DomainError } from "../errors";
import { DAY, shanghaiMidnight } from "../time/shanghai";
import { dateDay, dayDate, NONE, splitPeriod } from "./rollup.rules";
import {
  type Acc,
  addCell,
  type Cell,
  CHANNEL_NAMES,
  emptyAcc,
  mergeAcc,
  toRow,
} from "./stats.rules";
import type { TStatsAnswer, TStatsQuery } from "./stats.schema";

/**
 * Article 23 figures (SPEC §9) read from the daily rollups, never by scanning ratings, so a page
 * view costs the same in the tenth year as in the first. The work-order figures are counted from
 * work_orders by its (org_id, created_at) and (created_at) indexes: a period's work orders are a
 * small share of its ratings, and "overdue" depends on now, which a rollup cannot hold.
 */
export interface StatsOptions {
  /** false: default ratings (article 17) left out of every figure; the API always includes them */
  includeDefaults?: boolean;
}

type GroupBy = TStatsQuery["groupBy"];

interface Filters {
  orgIds: string[] | null;
  itemId: string | null;
  windowId: string | null;
}

/** Codes → ids; an unknown code is a bad query (400); an org outside the account's scope is not found. */
async function resolveFilters(db: Reader, scope: Scope, q: TStatsQuery): Promise<Filters> {
  let orgIds = scope.all ? null : scope.orgIds;
  if (q.org) {
    const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, q.org));
    if (!org)
      throw new DomainError("bad_request", `org: unknown org code ${JSON.stringify(q.org)}`);
    if (!scope.all && !scope.orgIds.includes(org.id))
      throw new DomainError("not_found", "找不到这个单位");
    const subtree = await orgSubtree(db, org.id);
    orgIds = orgIds ? subtree.filter((id) => orgIds!.includes(id)) : subtree;
  }
  const byCode = async (
    table: typeof items | typeof windows,
    code: string | undefined,
    what: string,
  ) => {
    if (!code) return null;
    const [row] = await db.select({ id: table.id }).from(table).where(eq(table.code, code));
    if (!row)
      throw new DomainError("bad_request", `${what}: unknown ${what} code ${JSON.stringify(code)}`);
    return row.id;
  };
  return {
    orgIds,
    itemId: await byCode(items, q.item, "item"),
    windowId: await byCode(windows, q.window, "window"),
  };
}

const FINE_COLUMN: Record<GroupBy, SQL> = {
  org: sql`org_id`,
  item: sql`item_id`,
  window: sql`window_id`,
  staff: sql`staff_key`,
  channel: sql`channel`,
  day: sql`day`,
};

type CellRow = Cell & { k: string | number };

/**
 * Summed rollup cells per group over one run of days or of months, the scope and the filters.
 * The cells come back as one JSON value and are summed per group in JS (queryStats does): the
 * libSQL client builds an object per result row, which cost more than the query, and a GROUP BY
 * here sorted rows that are nearly one per group already.
 */
async function cellsOver(
  db: Reader,
  q: TStatsQuery,
  f: Filters,
  grain: "day" | "month",
  lo: number,
  hi: number,
): Promise<CellRow[]> {
  const when =
    grain === "day" ? sql`day between ${lo} and ${hi}` : sql`month between ${lo} and ${hi}`;
  const inOrgs = f.orgIds
    ? sql` and ${inArray(sql`org_id`, f.orgIds.length ? f.orgIds : ["-"])}`
    : sql``;
  const k = FINE_COLUMN[q.groupBy];
  const serviceView = q.groupBy === "staff" || q.groupBy === "window";
  const inWindow = f.windowId ? sql` and window_id = ${f.windowId}` : sql``;
  const fineWhere = sql`${when}${inOrgs}${f.itemId ? sql` and item_id = ${f.itemId}` : sql``}${inWindow}`;
  const fine = grain === "day" ? sql`${statsDaily}` : sql`${statsMonthly}`;
  const cells = async (table: SQL, where: SQL, part: SQL) => {
    const [row] = await db.all<{ cells: string }>(
      sql`select json_group_array(json_array(${k}, source, level, ${part}, n, score_sum)) as cells from ${table} where ${where}`,
    );
    return (
      JSON.parse(row?.cells ?? "[]") as [string | number, string, string, string, number, number][]
    ).map(([k, source, level, part, n, scoreSum]): CellRow => ({
      k,
      source,
      level,
      part,
      n,
      scoreSum,
    }));
  };
  if (serviceView && !f.itemId) {
    // the staff and window views read the service parts' narrow table (no item, no channel)
    const staffTable = grain === "day" ? sql`${statsDailyStaff}` : sql`${statsMonthlyStaff}`;
    return cells(
      staffTable,
      sql`part in ('service', 'not_adopted') and ${when}${inOrgs}${inWindow}`,
      sql`part`,
    );
  }
  if (!serviceView && q.groupBy !== "item" && !f.itemId && !f.windowId) {
    // the org/channel/day views read the narrow table; only the few not-adopted cells come from the wide one
    const whole = await cells(
      grain === "day" ? sql`${statsDailyOrg}` : sql`${statsMonthlyOrg}`,
      sql`${when}${inOrgs}`,
      sql`'whole'`,
    );
    const notAdopted = await cells(
      fine,
      sql`part = 'not_adopted' and ${fineWhere}`,
      sql`'not_adopted'`,
    );
    return [...whole, ...notAdopted];
  }
  const parts = serviceView
    ? sql`part in ('service', 'not_adopted')`
    : sql`part in ('whole', 'not_adopted')`;
  // one range scan per part: the primary key leads with (part, day|month)
  return cells(fine, sql`${parts} and ${fineWhere}`, sql`part`);
}

/** A period's whole months from the monthly rollups, its partial months' days from the daily ones. */
async function rollupCells(db: Reader, q: TStatsQuery, f: Filters): Promise<CellRow[]> {
  const from = dateDay(q.from);
  const to = dateDay(q.to);
  // a day view needs days; otherwise at most two runs of days around one run of months
  const split =
    q.groupBy === "day"
      ? { days: [[from, to] as [number, number]], months: null }
      : splitPeriod(from, to);
  const runs = [
    ...split.days.map(([lo, hi]) => cellsOver(db, q, f, "day", lo, hi)),
    ...(split.months ? [cellsOver(db, q, f, "month", split.months[0], split.months[1])] : []),
  ];
  return (await Promise.all(runs)).flat();
}

const WO_KEY: Record<GroupBy, SQL> = {
  org: sql`coalesce(wo.org_id, '')`,
  item: sql`coalesce(c.item_id, '')`,
  window: sql`coalesce(r.window_id, '')`,
  staff: sql`coalesce(r.staff_id, '12345:' || h.operator_no, '')`,
  channel: sql`r.channel`,
  day: sql`(wo.created_at + 28800000) / 86400000`,
};

/**
 * Work orders opened in the period, by the group of the rating that opened them: of those, closed,
 * closed by the due time (ended_at, set by every status change, by 12345 or the desk), and overdue
 * now (not closed nor not adopted, past due).
 */
async function workOrderCells(db: Reader, q: TStatsQuery, f: Filters, now: number) {
  const from = shanghaiMidnight(q.from);
  const to = shanghaiMidnight(q.to) + DAY;
  const k = WO_KEY[q.groupBy];
  const where = [sql`wo.created_at >= ${from} and wo.created_at < ${to}`];
  if (f.orgIds) where.push(sql`${inArray(sql`wo.org_id`, f.orgIds.length ? f.orgIds : ["-"])}`);
  if (f.itemId) where.push(sql`c.item_id = ${f.itemId}`);
  if (f.windowId) where.push(sql`r.window_id = ${f.windowId}`);
  return db.all<{
    k: string | number;
    opened: number;
    closed: number;
    closedOnTime: number;
    overdue: number;
  }>(sql`
    select ${k} as k, count(*) as opened,
      coalesce(sum(wo.status = 'closed'), 0) as closed,
      coalesce(sum(wo.status = 'closed' and wo.ended_at <= wo.due_at), 0) as closedOnTime,
      coalesce(sum(wo.status not in ('closed', 'not_adopted') and wo.due_at < ${now}), 0) as overdue
    from work_orders wo
      join ratings r on r.id = wo.rating_id
      left join cases c on c.id = wo.case_id
      left join hotline_calls h on h.call_id = r.call_id
    where ${sql.join(where, sql` and `)}
    group by ${k}`);
}

/** Each group's code and name, as the API shows them (`key` is the code, the staff number, the channel, the day). */
async function namer(
  db: Reader,
  groupBy: GroupBy,
): Promise<(k: string | number) => { key: string; name: string }> {
  const none = { key: "-", name: "（无）" };
  if (groupBy === "day") return (k) => ({ key: dayDate(Number(k)), name: dayDate(Number(k)) });
  if (groupBy === "channel")
    return (k) => ({ key: String(k), name: CHANNEL_NAMES[String(k)] ?? String(k) });
  const [table, code] =
    groupBy === "staff"
      ? [staff, staff.staffNo]
      : groupBy === "org"
        ? [orgs, orgs.code]
        : groupBy === "item"
          ? [items, items.code]
          : [windows, windows.code];
  // every name of the catalogue, as one JSON value (see cellsOver: a row object each cost more than the query)
  const [all] = await db.all<{ names: string }>(
    sql`select json_group_array(json_array(id, ${code}, name)) as names from ${table}`,
  );
  const map = new Map(
    (JSON.parse(all?.names ?? "[]") as [string, string, string][]).map(([id, key, name]) => [
      id,
      { key, name },
    ]),
  );
  if (groupBy === "staff")
    return (k) => {
      const s = String(k);
      if (s.startsWith("12345:")) return { key: s.slice(6), name: `12345 话务员 ${s.slice(6)}` };
      return map.get(s) ?? none;
    };
  return (k) =>
    k === NONE && groupBy === "org"
      ? { key: "12345", name: "12345 热线" }
      : (map.get(String(k)) ?? none);
}

/** SPEC §6/§9: the figures of a period grouped one way, over what the scope may see. */
export async function queryStats(
  db: Reader,
  now: number,
  scope: Scope,
  q: TStatsQuery,
  opts: StatsOptions = {},
): Promise<TStatsAnswer> {
  const f = await resolveFilters(db, scope, q);
  const [cells, wos, name] = await Promise.all([
    rollupCells(db, q, f),
    workOrderCells(db, q, f, now),
    namer(db, q.groupBy),
  ]);
  const groups = new Map<string | number, Acc>();
  const acc = (k: string | number) => groups.get(k) ?? groups.set(k, emptyAcc()).get(k)!;
  // cellsOver parsed them from JSON: n and scoreSum are numbers already
  for (const c of cells) addCell(acc(c.k), c, opts.includeDefaults ?? true);
  for (const w of wos)
    Object.assign(acc(w.k).workOrders, {
      opened: Number(w.opened),
      closed: Number(w.closed),
      closedOnTime: Number(w.closedOnTime),
      overdue: Number(w.overdue),
    });
  const total = emptyAcc();
  const rows = [...groups.entries()].map(([k, a]) => {
    mergeAcc(total, a);
    const n = name(k);
    return toRow(n.key, n.name, a);
  });
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    rows,
    totals: toRow("total", "合计", total),
  };
}

export function statsFor(
  { deps, scope }: ScopedCtx,
  q: TStatsQuery,
  opts?: StatsOptions,
): Promise<TStatsAnswer> {
  return queryStats(deps.database.db, deps.clock.now(), scope, q, opts);
}

/** The integration client of scope `stats` sees every org (SPEC §6). */
export const ALL: Scope = { all: true, orgIds: null };
