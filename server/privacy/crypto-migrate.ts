import { eq } from "drizzle-orm";

import type { Database } from "@/db/client";
import { settings } from "@/db/schema";
import type { Reader } from "@/db/types";

import { GENESIS, verifyChain } from "../ratings/chain";
import { createPii, type Pii } from "./pii";
import { relinkBatch } from "./rechain";
import { type PiiPair, readBack, resealBatch } from "./reseal";
import { sealedTables } from "./reseal.targets";
import { type SuiteName, SUITES } from "./suite";
import type { TMigration } from "./suite-record";
import {
  heldSuite,
  MIGRATION_KEY,
  migrationOf,
  writeMigration,
  writeSuiteRecord,
} from "./suite-record";

/** A migration that cannot go on, in one sentence (the script prints it and exits 1). */
export class MigrationRefused extends Error {}

export interface Verified {
  /** sealed values opened under the new suite, by table */
  values: Record<string, number>;
  staleDigests: number;
  ratings: number;
  chainBrokenAt: number | null;
}

export interface MigrationReport {
  from: SuiteName | null;
  to: SuiteName;
  /** false when `limit` stopped it: run again to finish */
  finished: boolean;
  /** rows re-sealed by this run, by table */
  resealed: Record<string, number>;
  relinked: number;
  verified: Verified | null;
}

export interface MigrateOptions {
  to: SuiteName;
  /** rows a transaction (one fsync, triggers lifted and restored) */
  batch?: number;
  /** stop after this many rows (a test's way to stop half-way, as a kill would) */
  limit?: number;
  now?: () => number;
}

/**
 * `npm run crypto:migrate -- --to gm|std` with the service stopped (SPEC §8): every sealed value
 * and the blind indexes made from it, then the rating chain, moved to the other suite in batches;
 * a marker in the settings says "migrating from X to Y" until a full read of every sealed value and
 * a walk of the chain under the new suite pass, and only then is the new suite recorded.
 */
export async function migrateCrypto(database: Database, dataKey: string, opts: MigrateOptions) {
  const now = opts.now ?? Date.now;
  const held = await heldSuite(database.db);
  let marker = await migrationOf(database.db);
  if (marker && marker.to !== opts.to) {
    const { from, to } = marker;
    throw new MigrationRefused(
      `a migration from ${from} to ${to} is under way: finish it with --to ${to} first`,
    );
  }
  const from = marker?.from ?? held;
  const report: MigrationReport = {
    from,
    to: opts.to,
    finished: false,
    resealed: {},
    relinked: 0,
    verified: null,
  };
  if (!marker && held !== opts.to) {
    if (held === null) {
      // nothing sealed yet: a new database simply takes the suite
      await database.write((tx) => writeSuiteRecord(tx, opts.to, now(), "crypto:migrate"));
      return { ...report, finished: true };
    }
    const chain = { chainSeq: 0, chainOldHead: GENESIS, chainNewHead: GENESIS };
    marker = { from: held, to: opts.to, startedAt: now(), ...chain } satisfies TMigration;
    await database.write((tx) => writeMigration(tx, marker!, now()));
  }
  if (marker) {
    const budget = { left: opts.limit ?? Number.POSITIVE_INFINITY, batch: opts.batch ?? 500 };
    const pii: PiiPair = {
      from: createPii(dataKey, marker.from),
      to: createPii(dataKey, marker.to),
    };
    for (const spec of await sealedTables(database.db)) {
      const counted = await inBatches(budget, (size, after) =>
        resealBatch(database, spec, pii, after, size),
      );
      report.resealed[spec.table] = counted.rows;
      if (!counted.finished) return report;
    }
    let chain: TMigration = marker;
    const counted = await inBatches(budget, async (size) => {
      const next = await relinkBatch(database, chain, size, now());
      const count = next.chainSeq - chain.chainSeq;
      chain = next;
      return { count, last: next.chainSeq };
    });
    report.relinked = counted.rows;
    if (!counted.finished) return report;
  }
  report.verified = await verifyAll(database.db, createPii(dataKey, opts.to));
  const { staleDigests, chainBrokenAt } = report.verified;
  if (staleDigests > 0 || chainBrokenAt !== null) {
    const chain =
      chainBrokenAt === null ? "an intact chain" : `the chain broken at rating #${chainBrokenAt}`;
    const found = `${staleDigests} stale blind indexes and ${chain}`;
    throw new MigrationRefused(`the read-back under ${opts.to} found ${found}; the marker stays`);
  }
  await database.write(async (tx) => {
    await writeSuiteRecord(tx, opts.to, now(), "crypto:migrate");
    await tx.delete(settings).where(eq(settings.key, MIGRATION_KEY));
  });
  return { ...report, finished: true } satisfies MigrationReport;
}

/** Runs `step` until it does less than asked or the budget (the `limit` option) is spent. */
async function inBatches(
  budget: { left: number; batch: number },
  step: (size: number, after: number) => Promise<{ count: number; last: number }>,
): Promise<{ rows: number; finished: boolean }> {
  let rows = 0;
  for (let after = 0; ;) {
    const size = Math.min(budget.batch, budget.left);
    if (size === 0) return { rows, finished: false };
    const done = await step(size, after);
    rows += done.count;
    budget.left -= done.count;
    if (done.count < size) return { rows, finished: true };
    after = done.last;
  }
}

/** Every sealed value opened and every digest made again under `pii`, and the chain walked under its suite. */
export async function verifyAll(db: Reader, pii: Pii): Promise<Verified> {
  const out: Verified = { values: {}, staleDigests: 0, ratings: 0, chainBrokenAt: null };
  for (const spec of await sealedTables(db)) {
    const read = await readBack(db, spec, pii);
    out.values[spec.table] = read.values;
    out.staleDigests += read.staleDigests;
  }
  const chain = await verifyChain(db, 1000, SUITES[pii.suite.name]);
  return { ...out, ratings: chain.count, chainBrokenAt: chain.brokenAt };
}
