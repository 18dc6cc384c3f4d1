import { asc, eq, gt } from "drizzle-orm";

import type { Database } from "@/db/client";
import { ratings } from "@/db/schema";

import { linkHash } from "../ratings/chain";
import { withoutUpdateTriggers } from "./reseal";
import { SUITES } from "./suite";
import { type TMigration, writeMigration } from "./suite-record";

/** The chain was broken before the migration touched it: nothing from there on is rewritten. */
export class BrokenChainError extends Error {}

/**
 * Re-links the next `limit` ratings under the new suite's hash, in one transaction with the
 * marker that says how far it got. Each rating is first checked under the old suite, link and
 * content, so the migration can never launder a tampered log into a valid-looking new one.
 */
export async function relinkBatch(
  database: Database,
  marker: TMigration,
  limit: number,
  now: number,
) {
  const [from, to] = [SUITES[marker.from], SUITES[marker.to]];
  return database.write(async (tx): Promise<TMigration> => {
    const after = gt(ratings.seq, marker.chainSeq);
    const page = await tx
      .select()
      .from(ratings)
      .where(after)
      .orderBy(asc(ratings.seq))
      .limit(limit);
    if (page.length === 0) return marker;
    let next = marker;
    await withoutUpdateTriggers(tx, "ratings", async () => {
      for (const row of page) {
        const { prevHash, hash, ...fields } = row;
        const altered = linkHash(from, prevHash, fields) !== hash;
        const broken = brokenLink(
          row.seq !== next.chainSeq + 1,
          prevHash !== next.chainOldHead,
          altered,
        );
        if (broken) {
          const where = `rating #${next.chainSeq + 1} ${broken} under ${marker.from}`;
          const untouched = "nothing from there on was rewritten (see `npm run verify-log`)";
          throw new BrokenChainError(
            `${where}: the log was broken before the migration, and ${untouched}`,
          );
        }
        const newHash = linkHash(to, next.chainNewHead, fields);
        await tx
          .update(ratings)
          .set({ prevHash: next.chainNewHead, hash: newHash })
          .where(eq(ratings.seq, row.seq));
        next = { ...next, chainSeq: row.seq, chainOldHead: hash, chainNewHead: newHash };
      }
    });
    await writeMigration(tx, next, now);
    return next;
  });
}

/** verifyChain's words for a broken link, or null. */
function brokenLink(missing: boolean, unlinked: boolean, altered: boolean): string | null {
  if (missing) return "is missing";
  if (unlinked) return "does not link to the rating before it";
  return altered ? "does not match its hash" : null;
}
