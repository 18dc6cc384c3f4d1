import { createClient } from "@libsql/client";
import { inArray, like } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";

import { testDatabase } from "../tests/db";
import type { Database } from "./client";
import { insertInto } from "./prepared";
import { calendarDays } from "./schema";
import type { Tx } from "./types";
import { GroupWriter, sentWrites } from "./writer";

let database: Database | undefined;
afterEach(() => database?.close());

const day = (date: string) => ({ date, workday: true, note: "writer test" });

describe("the one writer (DESIGN §3)", () => {
  test("runs on WAL; its connection commits without fsync and every group is fsynced after", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const modes = await db.write(async (tx) => {
      const sync = await tx.all<{ synchronous: number }>("PRAGMA synchronous");
      const journal = await tx.all<{ journal_mode: string }>("PRAGMA journal_mode");
      return { sync: sync[0]?.synchronous, journal: journal[0]?.journal_mode };
    });
    expect(modes).toEqual({ sync: 1, journal: "wal" });
    await Promise.all(
      ["2099-05-01", "2099-05-02"].map((d) =>
        db.write((tx) => tx.insert(calendarDays).values(day(d))),
      ),
    );
    const after = db.writerStats();
    expect(after.groups - before.groups).toBeGreaterThanOrEqual(2);
    expect(after.syncs - before.syncs).toBe(after.groups - before.groups);
    // the reads keep SQLite's default: anything written outside the writer (migrations) stays FULL
    const readerSync = await db.client.execute("PRAGMA synchronous");
    expect(Number(readerSync.rows[0]?.synchronous)).toBe(2);
  });

  test("nothing of a group is answered before its fsync is done, and a failed fsync answers none of it", async () => {
    ({ database } = await testDatabase());
    let release: (() => void) | undefined;
    let fail = false;
    const writer = new GroupWriter(database.db, {
      durable: () =>
        fail ? Promise.reject(new Error("EIO")) : new Promise<void>((r) => (release = r)),
    });
    let answered = false;
    const pending = writer
      .write((tx) => tx.insert(calendarDays).values(day("2099-06-01")))
      .then(() => (answered = true));
    await vi.waitFor(() => expect(release).toBeDefined());
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    release!();
    await pending;
    expect(answered).toBe(true);
    fail = true;
    await expect(
      writer.write((tx) => tx.insert(calendarDays).values(day("2099-06-02"))),
    ).rejects.toThrow("EIO");
    expect(writer.stats()).toMatchObject({ groups: 1, syncs: 1, failedGroups: 1 });
  });

  test("writes waiting together share one transaction (one fsync)", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const dates = Array.from(
      { length: 50 },
      (_, i) => `2099-01-${String(i + 1).padStart(2, "0")}x`,
    );
    await Promise.all(dates.map((d) => db.write((tx) => tx.insert(calendarDays).values(day(d)))));
    const after = db.writerStats();
    expect(after.writes - before.writes).toBe(50);
    expect(after.groups - before.groups).toBeLessThanOrEqual(2);
    expect(await db.db.$count(calendarDays, like(calendarDays.date, "2099-%"))).toBe(50);
  });

  test("a group of more than maxGroup is split; yieldEvery lets the event loop run inside a group", async () => {
    ({ database } = await testDatabase());
    const writer = new GroupWriter(database.db, { maxGroup: 8, yieldEvery: 3 });
    const seen: string[] = [];
    const ticks: number[] = [];
    const dates = Array.from({ length: 8 }, (_, i) => `2099-02-0${i + 1}y`);
    const writes = dates.map((d, i) =>
      writer.write(async (tx) => {
        seen.push(`w${i}`);
        // what the event loop runs next (a request's callback) lands between writes of the group
        if (i === 0) setImmediate(() => seen.push("loop"));
        await tx.insert(calendarDays).values(day(d));
        ticks.push(writer.stats().groups);
      }),
    );
    await Promise.all(writes);
    expect(seen).toEqual(["w0", "w1", "w2", "loop", "w3", "w4", "w5", "w6", "w7"]);
    expect(new Set(ticks)).toEqual(new Set([0])); // all in one group, one transaction
    const split = new GroupWriter(database.db, { maxGroup: 8 });
    const twenty = Array.from({ length: 20 }, (_, i) =>
      split.write((tx) => tx.insert(calendarDays).values(day(`2099-03-${i + 10}z`))),
    );
    await Promise.all(twenty);
    expect(split.stats()).toMatchObject({ groups: 3, writes: 20 });
  });

  test("a failing write in a group rolls back alone; the others commit and are answered", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const results = await Promise.allSettled([
      db.write(async (tx) => {
        await tx.insert(calendarDays).values(day("2099-02-01"));
        return "a";
      }),
      db.write(async (tx) => {
        await tx.insert(calendarDays).values(day("2099-02-02"));
        throw new Error("b fails after writing");
      }),
      db.write(async (tx) => {
        await tx.insert(calendarDays).values(day("2099-02-03"));
        // a constraint error inside the database is rolled back the same way
        await tx.insert(calendarDays).values(day("2099-02-03"));
      }),
      db.write(async (tx) => {
        await tx.insert(calendarDays).values(day("2099-02-04"));
        return "d";
      }),
    ]);
    expect(db.writerStats().groups - before.groups).toBe(1);
    expect(db.writerStats().replays - before.replays).toBe(1);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(results[0]).toMatchObject({ value: "a" });
    expect(results[1]).toMatchObject({ reason: new Error("b fails after writing") });
    const rows = await db.db
      .select()
      .from(calendarDays)
      .where(inArray(calendarDays.date, ["2099-02-01", "2099-02-02", "2099-02-03", "2099-02-04"]));
    expect(rows.map((r) => r.date).sort()).toEqual(["2099-02-01", "2099-02-04"]);
  });

  test("writes sent without waiting are seen by the next write of the group; one that fails replays the group and fails its own job alone", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const insert = insertInto(calendarDays);
    const sent = (date: string) => (tx: Tx) =>
      sentWrites(tx, [insert(tx, day(date))]).then(() => date);
    const results = await Promise.allSettled([
      db.write(sent("2099-08-01")),
      // the sent insert is on its way, not awaited: the next job's read finds it
      db.write(
        async (tx) =>
          (
            await tx
              .select()
              .from(calendarDays)
              .where(inArray(calendarDays.date, ["2099-08-01"]))
          ).length,
      ),
      db.write(sent("2099-08-02")),
      // the same key again: its sent insert fails only when the group waits for it
      db.write(sent("2099-08-02")),
      db.write(sent("2099-08-03")),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(results[1]).toMatchObject({ value: 1 });
    expect(db.writerStats().groups - before.groups).toBe(1);
    expect(db.writerStats().replays - before.replays).toBe(1);
    expect(await db.db.$count(calendarDays, like(calendarDays.date, "2099-08-%"))).toBe(3);
  });

  test("read-then-write jobs of one group read together, yet each sees what an earlier job wrote to a row they share", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const insert = insertInto(calendarDays);
    const count = async (tx: Tx, date: string) =>
      (
        await tx
          .select()
          .from(calendarDays)
          .where(inArray(calendarDays.date, [date]))
      ).length;
    // insert the day unless the read found it; answer what the read found
    const once = (date: string) =>
      db.readThenWrite({
        keys: [date],
        read: (tx) => count(tx, date),
        write: async (tx, found) => {
          if (found === 0) await sentWrites(tx, [insert(tx, day(date))]);
          return found;
        },
      });
    const results = await Promise.all([
      once("2099-09-01"),
      once("2099-09-02"),
      once("2099-09-01"),
      // a plain write in between: the reads after it are sent after it
      db.write((tx) => insert(tx, day("2099-09-03"))),
      once("2099-09-03"),
      once("2099-09-02"),
    ]);
    expect(results).toEqual([0, 0, 1, 1, 1, 1]);
    expect(db.writerStats().groups - before.groups).toBe(1);
    expect(db.writerStats().replays - before.replays).toBe(0);
    expect(await db.db.$count(calendarDays, like(calendarDays.date, "2099-09-%"))).toBe(3);
  });

  test("a write refused before it wrote anything costs the group no replay", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const before = db.writerStats();
    const results = await Promise.allSettled([
      db.write((tx) => tx.insert(calendarDays).values(day("2099-04-01"))),
      db.write(async (tx) => {
        await tx
          .select()
          .from(calendarDays)
          .where(inArray(calendarDays.date, ["2099-04-01"]));
        throw new Error("refused after reading");
      }),
      db.write((tx) => tx.insert(calendarDays).values(day("2099-04-02"))),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(db.writerStats().replays - before.replays).toBe(0);
    expect(await db.db.$count(calendarDays, like(calendarDays.date, "2099-04-%"))).toBe(2);
  });

  test("an answered write is visible to a brand-new connection (it is committed, not pending)", async () => {
    const made = await testDatabase();
    database = made.database;
    await database.write((tx) => tx.insert(calendarDays).values(day("2099-03-01")));
    const other = createClient({ url: `file:${made.file}` });
    const rs = await other.execute(
      "select count(*) as n from calendar_days where date = '2099-03-01'",
    );
    other.close();
    expect(Number(rs.rows[0]?.n)).toBe(1);
  });

  test("with a deadline (a remote database), a write still queued when it passes is answered and never runs; idle() waits for the rest", async () => {
    ({ database } = await testDatabase());
    let release: (() => void) | undefined;
    const writer = new GroupWriter(database.db, {
      deadline: { ms: 200, error: () => new Error("database unavailable") },
    });
    // the first group stalls as a write to a stalled server would
    const stalled = writer.write(async (tx) => {
      await tx.insert(calendarDays).values(day("2099-07-01"));
      await new Promise<void>((r) => (release = r));
      return "first";
    });
    const stalledAnswer = stalled.catch((e: unknown) => e);
    await vi.waitFor(() => expect(release).toBeDefined());
    const queued = writer.write((tx) => tx.insert(calendarDays).values(day("2099-07-02")));
    await expect(queued).rejects.toThrow("database unavailable");
    expect(await stalledAnswer).toEqual(new Error("database unavailable"));
    let idle = false;
    const done = writer.idle().then(() => (idle = true));
    expect(idle).toBe(false);
    release!();
    await done;
    // the stalled group committed after its answer (a retry with its key finds it); the queued write never ran
    const rows = await database.db
      .select()
      .from(calendarDays)
      .where(like(calendarDays.date, "2099-07-%"));
    expect(rows.map((r) => r.date)).toEqual(["2099-07-01"]);
  });
});
