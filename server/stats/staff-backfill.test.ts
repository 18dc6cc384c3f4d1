import { readFileSync } from "node:fs";

import { sql } from "drizzle-orm";
import { expect, test } from "vitest";

import { statsDailyStaff, statsMonthlyStaff } from "@/db/schema";
import { perTestDeps } from "@/tests/db";

import { seedHistory } from "../demo/history";
import { storedCells } from "./rebuild";

const fresh = perTestDeps();

/**
 * Migration 0015 filled the staff rollups of an existing database from the fine rollups. Its two
 * INSERT … SELECT statements, run on a database whose staff rollups the writer kept, must give the
 * same cells back: the history an upgraded database starts from is the one a new one would have.
 */
test(
  "migration 0015's backfill of the staff rollups equals what the writer keeps",
  { timeout: 60_000 },
  async () => {
    const { deps } = await fresh("2026-03-10T10:00:00+08:00");
    await seedHistory(deps, { now: Date.parse("2026-03-10T10:00:00+08:00"), days: 20 });
    const db = deps.database.db;
    const kept = await storedCells(db);
    expect((kept.stats_daily_staff ?? []).length).toBeGreaterThan(10);

    const backfill = readFileSync("db/migrations/0015_stats_staff_rollups.sql", "utf8")
      .split("--> statement-breakpoint")
      .map((s) => s.replace(/^--.*$/gm, "").trim())
      .filter((s) => s.startsWith("INSERT INTO"));
    expect(backfill).toHaveLength(2);
    await deps.database.write(async (tx) => {
      // emptied on purpose: the backfill is what fills them again
      // eslint-disable-next-line drizzle/enforce-delete-with-where
      await tx.delete(statsDailyStaff);
      // eslint-disable-next-line drizzle/enforce-delete-with-where
      await tx.delete(statsMonthlyStaff);
      for (const statement of backfill) await tx.run(sql.raw(statement));
    });
    expect(await storedCells(db)).toEqual(kept);
  },
);
