import { like, sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";

import { testDatabase } from "../tests/db";
import type { Database } from "./client";
import { $, insertInto, query, updateOf } from "./prepared";
import { calendarDays } from "./schema";

let database: Database | undefined;
afterEach(() => database?.close());

const insertDay = insertInto(calendarDays);
const dayByDate = query<{ date: string; workday: number; note: string | null }>(
  () =>
    sql`select ${calendarDays.date} as date, ${calendarDays.workday} as workday, ${calendarDays.note} as note from ${calendarDays} where ${calendarDays.date} = ${$("date")}`,
);
const renote = updateOf(calendarDays, "date");

describe("statements built once (db/prepared.ts)", () => {
  test("run inside a write on its own transaction: a read sees what the same write wrote before it commits", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const seen = await db.write(async (tx) => {
      await insertDay(tx, { date: "2099-03-01", workday: true, note: "first" });
      const changed = await renote(tx, { date: "2099-03-01", note: "second" });
      return { changed, row: await dayByDate.get(tx, { date: "2099-03-01" }) };
    });
    expect(seen).toEqual({ changed: 1, row: { date: "2099-03-01", workday: 1, note: "second" } });
    // and outside it, on the database, once committed; column encoders still apply (boolean → 1)
    expect(await dayByDate.get(db.db, { date: "2099-03-01" })).toEqual({
      date: "2099-03-01",
      workday: 1,
      note: "second",
    });
    expect(await dayByDate.get(db.db, { date: "2099-03-02" })).toBeUndefined();
  });

  test("rows whose keys differ (another order, a key left undefined) get a statement of their own", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const rejected = await db.write(async (tx) => {
      await insertDay(tx, { date: "2099-03-03", workday: false, note: "a" });
      await insertDay(tx, { note: "b", workday: true, date: "2099-03-04" });
      // undefined leaves the column to its default, as drizzle does: `note` has none, so SQLite refuses
      return insertDay(tx, {
        date: "2099-03-05",
        workday: true,
        note: undefined as unknown as string,
      }).then(
        () => null,
        (e: unknown) => String(e),
      );
    });
    expect(rejected).toMatch(/NOT NULL/);
    const rows = await db.db
      .select()
      .from(calendarDays)
      .where(like(calendarDays.date, "2099-03-0%"))
      .orderBy(calendarDays.date);
    expect(rows.map((r) => [r.date, r.workday, r.note])).toEqual([
      ["2099-03-03", false, "a"],
      ["2099-03-04", true, "b"],
    ]);
  });

  test("the writer knows a prepared insert wrote: a job failing after it rolls back alone, the others commit", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const results = await Promise.allSettled([
      db.write((tx) => insertDay(tx, { date: "2099-04-01", workday: true, note: "a" })),
      db.write(async (tx) => {
        await insertDay(tx, { date: "2099-04-02", workday: true, note: "b" });
        throw new Error("fails after writing");
      }),
      db.write((tx) => insertDay(tx, { date: "2099-04-03", workday: true, note: "c" })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(db.writerStats().replays - before.replays).toBe(1);
    const dates = await db.db
      .select({ date: calendarDays.date })
      .from(calendarDays)
      .where(like(calendarDays.date, "2099-04-%"))
      .orderBy(calendarDays.date);
    expect(dates.map((d) => d.date)).toEqual(["2099-04-01", "2099-04-03"]);
  });
});
