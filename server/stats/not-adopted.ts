import "server-only";
import { sql } from "drizzle-orm";
import type { Reader } from "@/db/types";

/**
 * Ids of ratings whose service part is marked 不予采纳 (article 22), for the rebuild. The appeals
 * domain owns the decisions; until its table is here this reads it only if it exists, by the
 * columns the appeals branch agreed on (rating_id, decision = 'adopted').
 */
export async function notAdoptedRatingIds(db: Reader): Promise<Set<string>> {
  const [table] = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name = 'appeal_decisions'`,
  );
  if (!table) return new Set();
  const cols = await db.all<{ name: string }>(sql`select name from pragma_table_info('appeal_decisions')`);
  if (!cols.some((c) => c.name === "rating_id") || !cols.some((c) => c.name === "decision")) return new Set();
  const rows = await db.all<{ id: string }>(
    sql`select distinct rating_id as id from appeal_decisions where decision = 'adopted'`,
  );
  return new Set(rows.map((r) => r.id));
}
