import "server-only";

import { asc, eq, getTableName, gt, sql } from "drizzle-orm";

import type { Database } from "@/db/client";
import {
  cases,
  ratings,
  statsDaily,
  statsDailyOrg,
  statsDailyStaff,
  statsMonthly,
  statsMonthlyOrg,
  statsMonthlyStaff,
} from "@/db/schema";
import type { Reader } from "@/db/types";

import { keyOf, monthOfDay, type RollupKey, rollupKeys, scoreOf } from "./rollup.rules";

/** One rollup cell as stored: its key and its counts. */
export type RollupRow = RollupKey & { n: number; scoreSum: number };

/** Adds one rating's cells to an in-memory rollup (the rebuild, the benchmark's bulk loader). */
export function accumulate(into: Map<string, RollupRow>, keys: RollupKey[], by = 1): void {
  for (const k of keys) {
    const id = keyOf(k);
    const row = into.get(id) ?? into.set(id, { ...k, n: 0, scoreSum: 0 }).get(id)!;
    row.n += by;
    row.scoreSum += scoreOf(k.level) * by;
  }
}

/** Every rating, with its case's org and item, recounted into rollup cells in memory. */
export async function recount(
  db: Reader,
  notAdopted: ReadonlySet<string> = new Set(),
  pageSize = 5000,
): Promise<Map<string, RollupRow>> {
  const out = new Map<string, RollupRow>();
  let after = 0;
  for (;;) {
    const page = await db
      .select({
        seq: ratings.seq,
        id: ratings.id,
        createdAt: ratings.createdAt,
        source: ratings.source,
        channel: ratings.channel,
        overallLevel: ratings.overallLevel,
        scores: ratings.scores,
        staffId: ratings.staffId,
        windowId: ratings.windowId,
        orgId: cases.orgId,
        itemId: cases.itemId,
      })
      .from(ratings)
      .leftJoin(cases, eq(cases.id, ratings.caseId))
      .where(gt(ratings.seq, after))
      .orderBy(asc(ratings.seq))
      .limit(pageSize);
    for (const r of page) {
      const keys = rollupKeys({ ...r, overallLevel: r.overallLevel });
      accumulate(
        out,
        keys.map((k) =>
          k.part === "service" && notAdopted.has(r.id) ? { ...k, part: "not_adopted" } : k,
        ),
      );
    }
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.seq;
  }
}

type Cells = { n: number; scoreSum: number };
type Derived = Record<string, string | number> & Cells;

/** Which columns a derived table keeps: all (fine), the whole ratings by org (org), the service parts by staff (staff). */
export type Shape = "fine" | "org" | "staff";

/** Sums cells into coarser ones: by month, and/or the columns of a narrow table. */
export function derive(
  rows: Iterable<RollupRow>,
  opts: { monthly: boolean; shape: Shape },
): Derived[] {
  const out = new Map<string, Derived>();
  for (const r of rows) {
    if (opts.shape === "org" && r.part !== "whole") continue;
    if (opts.shape === "staff" && r.part === "whole") continue;
    const when: Record<string, number> = opts.monthly
      ? { month: monthOfDay(r.day) }
      : { day: r.day };
    const dims: Record<string, string | number> =
      opts.shape === "org"
        ? { ...when, orgId: r.orgId, channel: r.channel, source: r.source, level: r.level }
        : opts.shape === "staff"
          ? {
              ...when,
              orgId: r.orgId,
              windowId: r.windowId,
              staffKey: r.staffKey,
              source: r.source,
              level: r.level,
              part: r.part,
            }
          : {
              ...when,
              orgId: r.orgId,
              itemId: r.itemId,
              windowId: r.windowId,
              staffKey: r.staffKey,
              channel: r.channel,
              source: r.source,
              level: r.level,
              part: r.part,
            };
    const id = Object.values(dims).join("\u0001");
    const row = out.get(id) ?? out.set(id, { ...dims, n: 0, scoreSum: 0 }).get(id)!;
    row.n += r.n;
    row.scoreSum += r.scoreSum;
  }
  return [...out.values()];
}

/**
 * `npm run stats:rebuild`: recompute every rollup from the ratings, in one write (the count and the
 * swap see the same ratings; readers never see half). `notAdopted`: ids of ratings whose service
 * part an adopted appeal took out (article 22).
 */
export async function rebuildRollups(
  database: Database,
  notAdopted: ReadonlySet<string> = new Set(),
): Promise<{ cells: number }> {
  return database.write(async (tx) => {
    const rows = [...(await recount(tx, notAdopted)).values()];
    const tables = [
      [statsDaily, rows],
      [statsMonthly, derive(rows, { monthly: true, shape: "fine" })],
      [statsDailyOrg, derive(rows, { monthly: false, shape: "org" })],
      [statsMonthlyOrg, derive(rows, { monthly: true, shape: "org" })],
      [statsDailyStaff, derive(rows, { monthly: false, shape: "staff" })],
      [statsMonthlyStaff, derive(rows, { monthly: true, shape: "staff" })],
    ] as const;
    for (const [table, cells] of tables) {
      await tx.run(sql`delete from ${table} where 1 = 1`);
      for (let i = 0; i < cells.length; i += 500)
        await tx.insert(table).values(cells.slice(i, i + 500) as never[]);
    }
    return { cells: rows.length };
  });
}

/** The stored cells with a count, in key order (zero cells left by a not-adopted move are skipped). */
export async function storedCells(db: Reader): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    statsDaily,
    statsMonthly,
    statsDailyOrg,
    statsMonthlyOrg,
    statsDailyStaff,
    statsMonthlyStaff,
  ]) {
    const rows = await db
      .select()
      .from(table)
      .where(sql`n <> 0`);
    out[getTableName(table)] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
