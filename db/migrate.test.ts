import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { expect, inject, test } from "vitest";

import { openDatabase } from "./client";
import { migrateDatabase, MIGRATIONS_FOLDER } from "./migrate";

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}
const journal = JSON.parse(
  readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
) as Journal;

/**
 * Drizzle's migrator applies a migration only when its journal time is after the last one the
 * database has applied: a migration written on a branch with an earlier time is silently skipped
 * on every database already past it. So the journal's times must rise with its order.
 */
test("the journal lists every migration file once, in order, with rising times", () => {
  const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith(".sql"));
  expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files.sort());
  journal.entries.forEach((e, i) => {
    expect(e.idx).toBe(i);
    if (i > 0) expect(e.when).toBeGreaterThan(journal.entries[i - 1]!.when);
  });
});

test("a database made by an older release gets every later migration on its next start", async () => {
  const dir = join(inject("runDir"), `upgrade-${process.pid}`);
  const older = join(dir, "older");
  mkdirSync(join(older, "meta"), { recursive: true });
  // the release before the last three migrations
  const kept = journal.entries.slice(0, -3);
  for (const e of kept)
    cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(older, `${e.tag}.sql`));
  writeFileSync(join(older, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  const database = await openDatabase(`file:${join(dir, "app.db")}`);
  try {
    await migrate(database.db, { migrationsFolder: older });
    await migrateDatabase(database);
    const applied = await database.db.all<{ n: number }>(
      sql`select count(*) as n from __drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
    const columns = await database.db.all<{ name: string }>(
      sql`select name from pragma_table_info('windows')`,
    );
    expect(columns.map((c) => c.name)).toContain("devices_revoked_at");
    const tables = await database.db.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name like 'stats_%_staff'`,
    );
    expect(tables.map((t) => t.name).sort()).toEqual(["stats_daily_staff", "stats_monthly_staff"]);
  } finally {
    database.close();
  }
});
