import { eq, sql } from "drizzle-orm";
import { z } from "zod";

import type { Database } from "@/db/client";
import { settings } from "@/db/schema";
import type { Reader } from "@/db/types";

import { settingError } from "../env-error";
import { SUITE_NAMES, SUITE_WORDS, type SuiteName } from "./suite";

/**
 * The suite is a fact about the database, not only a setting: every sealed value, blind index and
 * chain link in it was made by one suite. The settings table keeps it under a key of its own (no
 * bureau page lists it); a database from before the record holds std.
 */
export const SUITE_KEY = "crypto.suite";
/** present while `npm run crypto:migrate` is under way (and after it was stopped half-way) */
export const MIGRATION_KEY = "crypto.migration";

const ZSuite = z.enum(SUITE_NAMES);
export const ZMigration = z.object({
  from: ZSuite,
  to: ZSuite,
  startedAt: z.number(),
  /**
   * the last rating re-linked under `to`, its hash under `from` (the next rating must link to it:
   * the rest of the chain is checked before it is rewritten) and its new hash under `to`
   */
  chainSeq: z.number().int(),
  chainOldHead: z.string(),
  chainNewHead: z.string(),
});
export type TMigration = z.infer<typeof ZMigration>;

async function readKey(db: Reader, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, key));
  return row ? JSON.parse(row.value) : undefined;
}

export function writeMigration(tx: Reader, marker: TMigration, now: number) {
  const value = JSON.stringify(marker);
  return tx
    .insert(settings)
    .values({ key: MIGRATION_KEY, value, updatedAt: now, updatedBy: "crypto:migrate" })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

export async function migrationOf(db: Reader): Promise<TMigration | null> {
  const value = await readKey(db, MIGRATION_KEY);
  return value === undefined ? null : ZMigration.parse(value);
}

/**
 * The suite this database's values are in: its record; std when it has none but holds sealed
 * values or ratings (made before the record existed); null when it holds nothing yet.
 */
export async function heldSuite(db: Reader): Promise<SuiteName | null> {
  const recorded = await readKey(db, SUITE_KEY);
  if (recorded !== undefined) return ZSuite.parse(recorded);
  const [probe] = await db.all<{ used: number }>(sql`select (
      exists (select 1 from applicants) or exists (select 1 from ratings) or exists (select 1 from signing_keys)
      or exists (select 1 from outbox) or exists (select 1 from audit_log where reason_enc is not null)
      or exists (select 1 from accounts where phone_enc is not null)
    ) as used`);
  return probe?.used ? "std" : null;
}

export function writeSuiteRecord(tx: Reader, suite: SuiteName, now: number, by: string) {
  const value = JSON.stringify(suite);
  return tx
    .insert(settings)
    .values({ key: SUITE_KEY, value, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value, updatedAt: now, updatedBy: by },
    });
}

/**
 * Run by the server's start and every script before it reads or seals anything: a database takes
 * the suite of the first start or setup, and any later start with the other HCP_CRYPTO is refused
 * in one sentence (a database never mixes suites).
 */
export async function checkSuite(
  database: Database,
  wanted: SuiteName,
  now = Date.now(),
): Promise<void> {
  const migration = await migrationOf(database.db);
  if (migration) {
    const { from, to } = migration;
    const again = `run \`npm run crypto:migrate -- --to ${to}\` again to finish, then start with HCP_CRYPTO=${to}`;
    const half = `half-way through \`npm run crypto:migrate\` from ${from} to ${to} (stopped before it ended)`;
    throw settingError("HCP_CRYPTO", `the database is ${half}; ${again}`);
  }
  const held = await heldSuite(database.db);
  if (held === null || (held === wanted && (await readKey(database.db, SUITE_KEY)) === undefined)) {
    await database.write(async (tx) => {
      await writeSuiteRecord(tx, wanted, now, "HCP_CRYPTO");
    });
    return;
  }
  if (held !== wanted) {
    throw settingError(
      "HCP_CRYPTO",
      `it is ${wanted}, but this database holds values sealed under ${SUITE_WORDS[held]} and never mixes suites; ` +
        `start with HCP_CRYPTO=${held}, or stop the service and run \`npm run crypto:migrate -- --to ${wanted}\``,
    );
  }
}
