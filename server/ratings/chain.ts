import { asc, desc, gt } from "drizzle-orm";

import { ratings } from "@/db/schema";
import type { Reader, Tx } from "@/db/types";

import { canonicalJson } from "../json";
import { type Suite, SUITES } from "../privacy/suite";
import { heldSuite } from "../privacy/suite-record";

export const GENESIS = "0".repeat(64);
type RatingRow = typeof ratings.$inferSelect;
export type ChainedFields = Omit<RatingRow, "prevHash" | "hash">;

/**
 * DESIGN §3: hash = sha256(prevHash + canonicalJson(rating)), SM3 in the gm suite (HCP_CRYPTO).
 * Null fields are left out of the canonical form, so a nullable column added later does not
 * break the links written before it.
 */
export function linkHash(suite: Suite, prevHash: string, fields: ChainedFields): string {
  const present = Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== null && v !== undefined),
  );
  return suite.hash(prevHash, canonicalJson(present));
}

/** The head of the chain, read inside the one writer so links are written in order. */
export async function chainHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  const [last] = await tx
    .select({ seq: ratings.seq, hash: ratings.hash })
    .from(ratings)
    .orderBy(desc(ratings.seq))
    .limit(1);
  return last ?? { seq: 0, hash: GENESIS };
}

export interface ChainReport {
  count: number;
  brokenAt: number | null;
  reason?: string;
}

/**
 * Walks the whole chain in order and names the first broken link (`npm run verify-log`), under
 * the suite the database records unless one is given.
 */
export async function verifyChain(
  db: Reader,
  pageSize = 1000,
  given?: Suite,
): Promise<ChainReport> {
  const suite = given ?? SUITES[(await heldSuite(db)) ?? "std"];
  let prev = { seq: 0, hash: GENESIS };
  let count = 0;
  for (;;) {
    const page = await db
      .select()
      .from(ratings)
      .where(gt(ratings.seq, prev.seq))
      .orderBy(asc(ratings.seq))
      .limit(pageSize);
    for (const row of page) {
      const { prevHash, hash, ...fields } = row;
      if (row.seq !== prev.seq + 1)
        return { count, brokenAt: row.seq, reason: `rating #${prev.seq + 1} is missing` };
      if (prevHash !== prev.hash)
        return { count, brokenAt: row.seq, reason: "does not link to the rating before it" };
      if (linkHash(suite, prevHash, fields) !== hash)
        return { count, brokenAt: row.seq, reason: "its content does not match its hash" };
      prev = { seq: row.seq, hash };
      count += 1;
    }
    if (page.length < pageSize) return { count, brokenAt: null };
  }
}
