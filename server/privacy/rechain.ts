import { asc, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ratings } from "@/db/schema";
import { linkHash } from "../ratings/chain";
import { withoutUpdateTriggers } from "./reseal";
import { SUITES } from "./suite";
import { writeMigration, type TMigration } from "./suite-record";

/** The chain was broken before the migration touched it: nothing from there on is rewritten. */
export class BrokenChainError extends Error {}

/**
 * Re-links the next `limit` ratings under the new suite's hash, in one transaction with the
 * marker that says how far it got. Each rating is first checked under the old suite, link and
 * content, so the migration can never launder a tampered log into a valid-looking new one.
 */
export async function relinkBatch(database: Database, marker: TMigration, limit: number, now: number): Promise<TMigration> {
  const [from, to] = [SUITES[marker.from], SUITES[marker.to]];
  return database.write(async (tx) => {
    const page = await tx.select().from(ratings).where(gt(ratings.seq, marker.chainSeq)).orderBy(asc(ratings.seq)).limit(limit);
    if (page.length === 0) return marker;
    let next = marker;
    await withoutUpdateTriggers(tx, "ratings", async () => {
      for (const row of page) {
        const { prevHash, hash, ...fields } = row;
        const broken = row.seq !== next.chainSeq + 1 ? "is missing" : prevHash !== next.chainOldHead ? "does not link to the rating before it" : null;
        if (broken || linkHash(from, prevHash, fields) !== hash) {
          throw new BrokenChainError(
            `rating #${next.chainSeq + 1} ${broken ?? "does not match its hash"} under ${marker.from}: the log was broken before the migration, ` +
              "and nothing from there on was rewritten (see `npm run verify-log`)",
          );
        }
        const newHash = linkHash(to, next.chainNewHead, fields);
        await tx.update(ratings).set({ prevHash: next.chainNewHead, hash: newHash }).where(eq(ratings.seq, row.seq));
        next = { ...next, chainSeq: row.seq, chainOldHead: hash, chainNewHead: newHash };
      }
    });
    await writeMigration(tx, next, now);
    return next;
  });
}
