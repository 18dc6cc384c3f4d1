import { createHash } from "node:crypto";
import { asc, desc, gt } from "drizzle-orm";
import { ratings } from "@/db/schema";
import type { Reader, Tx } from "@/db/types";
import { canonicalJson } from "../json";

export const GENESIS = "0".repeat(64);
type RatingRow = typeof ratings.$inferSelect;
export type ChainedFields = Omit<RatingRow, "prevHash" | "hash">;

/**
 * DESIGN §3: hash = sha256(prevHash + canonicalJson(rating)). Null fields are left out of the
 * canonical form, so a nullable column added later does not break the links written before it.
 */
export function linkHash(prevHash: string, fields: ChainedFields): string {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));
  return createHash("sha256").update(prevHash).update(canonicalJson(present)).digest("hex");
}

/** The head of the chain, read inside the one writer so links are written in order. */
export async function chainHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  const [last] = await tx.select({ seq: ratings.seq, hash: ratings.hash }).from(ratings).orderBy(desc(ratings.seq)).limit(1);
  return last ?? { seq: 0, hash: GENESIS };
}

export interface ChainReport {
  count: number;
  brokenAt: number | null;
  reason?: string;
}

/** Walks the whole chain in order and names the first broken link (`npm run verify-log`). */
export async function verifyChain(db: Reader, pageSize = 1000): Promise<ChainReport> {
  let prev = { seq: 0, hash: GENESIS };
  let count = 0;
  for (;;) {
    const page = await db.select().from(ratings).where(gt(ratings.seq, prev.seq)).orderBy(asc(ratings.seq)).limit(pageSize);
    for (const row of page) {
      const { prevHash, hash, ...fields } = row;
      if (row.seq !== prev.seq + 1) return { count, brokenAt: row.seq, reason: `rating #${prev.seq + 1} is missing` };
      if (prevHash !== prev.hash) return { count, brokenAt: row.seq, reason: "does not link to the rating before it" };
      if (linkHash(prevHash, fields) !== hash) return { count, brokenAt: row.seq, reason: "its content does not match its hash" };
      prev = { seq: row.seq, hash };
      count += 1;
    }
    if (page.length < pageSize) return { count, brokenAt: null };
  }
}
