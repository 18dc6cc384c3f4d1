import "server-only";
import { asc, eq, gt, sql } from "drizzle-orm";
import { cases, ratings, statsDaily, statsDailyOrg } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Reader } from "@/db/types";
import { rollupKeys, scoreOf, type RollupKey } from "./rollup.rules";

/** One rollup cell as stored: its key and its counts. */
export type RollupRow = RollupKey & { n: number; scoreSum: number };

const keyOf = (k: RollupKey) =>
  [k.part, k.day, k.orgId, k.itemId, k.windowId, k.staffKey, k.channel, k.source, k.level].join("\u0001");

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
        keys.map((k) => (k.part === "service" && notAdopted.has(r.id) ? { ...k, part: "not_adopted" } : k)),
      );
    }
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.seq;
  }
}

/** The org table's cells derived from the whole-rating cells. */
export function orgCells(
  rows: Iterable<RollupRow>,
): Map<string, Omit<RollupRow, "itemId" | "windowId" | "staffKey" | "part">> {
  const out = new Map<string, Omit<RollupRow, "itemId" | "windowId" | "staffKey" | "part">>();
  for (const r of rows) {
    if (r.part !== "whole") continue;
    const id = [r.day, r.orgId, r.channel, r.source, r.level].join("\u0001");
    const row =
      out.get(id) ??
      out
        .set(id, {
          day: r.day,
          orgId: r.orgId,
          channel: r.channel,
          source: r.source,
          level: r.level,
          n: 0,
          scoreSum: 0,
        })
        .get(id)!;
    row.n += r.n;
    row.scoreSum += r.scoreSum;
  }
  return out;
}

/** Writes rollup cells in batched multi-row INSERTs (the rebuild and the benchmark's bulk path). */
export async function insertCells(database: Database, rows: RollupRow[], chunk = 500): Promise<void> {
  const org = [...orgCells(rows).values()];
  for (let i = 0; i < rows.length; i += chunk) {
    await database.write((tx) =>
      tx
        .insert(statsDaily)
        .values(rows.slice(i, i + chunk))
        .onConflictDoUpdate({
          target: [
            statsDaily.part,
            statsDaily.day,
            statsDaily.orgId,
            statsDaily.itemId,
            statsDaily.windowId,
            statsDaily.staffKey,
            statsDaily.channel,
            statsDaily.source,
            statsDaily.level,
          ],
          set: { n: sql`n + excluded.n`, scoreSum: sql`score_sum + excluded.score_sum` },
        }),
    );
  }
  for (let i = 0; i < org.length; i += chunk) {
    await database.write((tx) =>
      tx
        .insert(statsDailyOrg)
        .values(org.slice(i, i + chunk))
        .onConflictDoUpdate({
          target: [
            statsDailyOrg.day,
            statsDailyOrg.orgId,
            statsDailyOrg.channel,
            statsDailyOrg.source,
            statsDailyOrg.level,
          ],
          set: { n: sql`n + excluded.n`, scoreSum: sql`score_sum + excluded.score_sum` },
        }),
    );
  }
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
    const org = [...orgCells(rows).values()];
    await tx.run(sql`delete from ${statsDaily} where 1 = 1`);
    await tx.run(sql`delete from ${statsDailyOrg} where 1 = 1`);
    for (let i = 0; i < rows.length; i += 500) await tx.insert(statsDaily).values(rows.slice(i, i + 500));
    for (let i = 0; i < org.length; i += 500) await tx.insert(statsDailyOrg).values(org.slice(i, i + 500));
    return { cells: rows.length };
  });
}

/** The stored cells with a count, in key order (zero cells left by a not-adopted move are skipped). */
export async function storedCells(db: Reader): Promise<{ daily: RollupRow[]; org: unknown[] }> {
  const daily = (await db
    .select()
    .from(statsDaily)
    .where(sql`n <> 0`)) as RollupRow[];
  const org = await db
    .select()
    .from(statsDailyOrg)
    .where(sql`n <> 0`);
  daily.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  org.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { daily, org };
}
