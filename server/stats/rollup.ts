import "server-only";

import { eq, getTableName, inArray, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

import { $, columns, query, writeStatement } from "@/db/prepared";
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
import type { Reader, Tx } from "@/db/types";
import { sentWrites } from "@/db/writer";

import { DomainError } from "../errors";
import {
  keyOf,
  monthOfDay,
  type RatingFacts,
  type RollupKey,
  rollupKeys,
  scoreOf,
} from "./rollup.rules";

/*
 * DESIGN §8: statistics never scan ratings on a page view. Every rating adds to the daily rollups
 * in the transaction that writes it (server/ratings/append.ts, the one path of raters, defaults
 * and 12345), and an adopted appeal moves its service part to `not_adopted` in the transaction
 * that records the decision — so the figures are exactly the ratings, always.
 */

/** `insert … on conflict do update` adding to a rollup cell; the SQL is written once (db/prepared.ts: building it per call cost more than running it). */
function adder(table: SQLiteTable, columns: string[]) {
  const names = [...columns, "n", "score_sum"];
  return writeStatement(
    `insert into "${getTableName(table)}" (${names.join(", ")}) values (${names.map(() => "?").join(", ")}) on conflict do update set n = n + excluded.n, score_sum = score_sum + excluded.score_sum`,
  );
}
const FINE = ["org_id", "item_id", "window_id", "staff_key", "channel", "source", "level", "part"];
const addDaily = adder(statsDaily, ["day", ...FINE]);
const addMonthly = adder(statsMonthly, ["month", ...FINE]);
// the staff and window views' narrow tables (migration 0015)
const addDailyStaff = adder(statsDailyStaff, [
  "part",
  "day",
  "org_id",
  "window_id",
  "staff_key",
  "source",
  "level",
]);
const addMonthlyStaff = adder(statsMonthlyStaff, [
  "part",
  "month",
  "org_id",
  "window_id",
  "staff_key",
  "source",
  "level",
]);
const addDailyOrg = adder(statsDailyOrg, ["day", "org_id", "channel", "source", "level"]);
const addMonthlyOrg = adder(statsMonthlyOrg, ["month", "org_id", "channel", "source", "level"]);

/** The upserts that add `by` ratings to a key's cells, sent in order without waiting for each (db/writer.ts sentWrites). */
function bump(tx: Tx, key: RollupKey, by: number): Promise<unknown>[] {
  const s = scoreOf(key.level) * by;
  const month = monthOfDay(key.day);
  const fine = [
    key.orgId,
    key.itemId,
    key.windowId,
    key.staffKey,
    key.channel,
    key.source,
    key.level,
    key.part,
  ];
  const sent = [addDaily(tx, [key.day, ...fine, by, s]), addMonthly(tx, [month, ...fine, by, s])];
  if (key.part !== "whole") {
    sent.push(
      addDailyStaff(tx, [
        key.part,
        key.day,
        key.orgId,
        key.windowId,
        key.staffKey,
        key.source,
        key.level,
        by,
        s,
      ]),
    );
    sent.push(
      addMonthlyStaff(tx, [
        key.part,
        month,
        key.orgId,
        key.windowId,
        key.staffKey,
        key.source,
        key.level,
        by,
        s,
      ]),
    );
    return sent;
  }
  sent.push(addDailyOrg(tx, [key.day, key.orgId, key.channel, key.source, key.level, by, s]));
  sent.push(addMonthlyOrg(tx, [month, key.orgId, key.channel, key.source, key.level, by, s]));
  return sent;
}

const caseDimsQuery = query<{ orgId: string; itemId: string }>(
  () =>
    sql`select ${columns({ orgId: cases.orgId, itemId: cases.itemId })} from ${cases} where ${cases.id} = ${$("id")}`,
);

/** The org and item a rating counts under: its case's (a 12345 call has neither). */
async function caseDims(
  reader: Reader,
  caseId: string | null,
): Promise<{ orgId: string | null; itemId: string | null }> {
  if (!caseId) return { orgId: null, itemId: null };
  return (await caseDimsQuery.get(reader, { id: caseId })) ?? { orgId: null, itemId: null };
}

type RatingRow = Pick<
  typeof ratings.$inferSelect,
  "createdAt" | "source" | "channel" | "overallLevel" | "scores" | "staffId" | "windowId" | "caseId"
>;

/** Adds a just-written rating to the rollups; called by writeChainedRating inside its transaction. */
export async function rollupRating(
  tx: Tx,
  rating: RatingRow,
  dims?: { orgId: string | null; itemId: string | null },
): Promise<void> {
  const facts: RatingFacts = {
    ...rating,
    overallLevel: rating.overallLevel,
    ...(dims ?? (await caseDims(tx, rating.caseId))),
  };
  await sentWrites(
    tx,
    rollupKeys(facts).flatMap((key) => bump(tx, key, 1)),
  );
}

/**
 * Many just-written ratings (a batched job) added to the rollups: their cells are summed in memory
 * first, so a hundred defaults of one window and day are one upsert per table, not a hundred.
 * `known` holds the org and item of cases the caller has read already; the others are read here.
 */
export async function rollupRatings(
  tx: Tx,
  rows: RatingRow[],
  known = new Map<string, { orgId: string; itemId: string }>(),
): Promise<void> {
  const missing = [
    ...new Set(
      rows.map((r) => r.caseId).filter((id): id is string => id !== null && !known.has(id)),
    ),
  ];
  const dims = new Map(known);
  if (missing.length)
    for (const c of await tx
      .select({ id: cases.id, orgId: cases.orgId, itemId: cases.itemId })
      .from(cases)
      .where(inArray(cases.id, missing)))
      dims.set(c.id, c);
  const cells = new Map<string, { key: RollupKey; n: number }>();
  for (const r of rows) {
    const d = (r.caseId && dims.get(r.caseId)) || { orgId: null, itemId: null };
    for (const key of rollupKeys({ ...r, orgId: d.orgId, itemId: d.itemId })) {
      const id = keyOf(key);
      const cell = cells.get(id) ?? cells.set(id, { key, n: 0 }).get(id)!;
      cell.n += 1;
    }
  }
  await sentWrites(
    tx,
    [...cells.values()].flatMap(({ key, n }) => bump(tx, key, n)),
  );
}

/**
 * Article 22: an adopted appeal marks the rating's service part 不予采纳 — it leaves the staff's
 * and window's figures and counts in `notAdopted` instead; the whole rating still counts for the
 * org, item, channel and day. Call it once, in the transaction that records the adopting decision
 * (the appeals branch owns "once": decisions are append-only and a rating is adopted at most once).
 */
export async function rollupServiceNotAdopted(tx: Tx, ratingId: string): Promise<void> {
  const [rating] = await tx.select().from(ratings).where(eq(ratings.id, ratingId));
  if (!rating) throw new DomainError("not_found", `找不到评价 ${ratingId}`);
  const facts: RatingFacts = {
    ...rating,
    overallLevel: rating.overallLevel,
    ...(await caseDims(tx, rating.caseId)),
  };
  const service = rollupKeys(facts).find((k) => k.part === "service");
  if (!service) throw new DomainError("invalid", "这条评价没有服务评价部分，不能不予采纳");
  const [row] = await tx
    .select({ n: statsDaily.n })
    .from(statsDaily)
    .where(
      sql`${statsDaily.part} = 'service' and ${statsDaily.day} = ${service.day} and ${statsDaily.orgId} = ${service.orgId} and ${statsDaily.itemId} = ${service.itemId}
        and ${statsDaily.windowId} = ${service.windowId} and ${statsDaily.staffKey} = ${service.staffKey} and ${statsDaily.channel} = ${service.channel}
        and ${statsDaily.source} = ${service.source} and ${statsDaily.level} = ${service.level}`,
    );
  if (!row || row.n < 1) throw new DomainError("conflict", "这条评价的服务评价已经不予采纳");
  await sentWrites(tx, [
    ...bump(tx, service, -1),
    ...bump(tx, { ...service, part: "not_adopted" }, 1),
  ]);
}
