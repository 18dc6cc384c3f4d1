import { eq, like, sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";

import { testDatabase } from "../tests/db";
import type { Database } from "./client";
import { insertManyInto, query, queryIn, writeStatement } from "./prepared";
import { calendarDays, caseEvents } from "./schema";
import type { Tx } from "./types";
import { sentWrites } from "./writer";

let database: Database | undefined;
afterEach(() => database?.close());

const days = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    date: `2099-${String(from + Math.floor(i / 28)).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
    workday: i % 2 === 0,
    note: "off-thread test",
  }));
const insertDays = insertManyInto(calendarDays);
const storedDays = queryIn<{ date: string; workday: number }>(
  (marks) => `select date, workday from calendar_days where date in (${marks}) order by date`,
);
const offDays = query<{ n: number }>(
  () => sql`select count(*) as n from ${calendarDays} where ${like(calendarDays.note, "off-%")}`,
);
const synchronous = query<{ synchronous: number }>(() => sql.raw("PRAGMA synchronous"));

describe("big writes on the writer's worker thread (db/off-thread.ts)", () => {
  test("commits with its own fsync and foreign keys on, and what it wrote is read everywhere at once", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const rows = days(1, 56);
    const seen = await db.bulkWrite(async (tx) => {
      await insertDays(tx, rows);
      const read = await storedDays(
        tx,
        rows.map((r) => r.date),
      );
      return { read, sync: (await synchronous.get(tx, {}))?.synchronous };
    });
    // booleans went over as SQLite's 0/1, as the libSQL client writes them
    // NORMAL: COMMIT writes the WAL, and the worker fdatasyncs it before the write is answered
    expect(seen.sync).toBe(1);
    expect(db.writerStats().offThread).toEqual({ transactions: 1, syncs: 1 });
    expect(seen.read).toEqual(rows.map((r) => ({ date: r.date, workday: r.workday ? 1 : 0 })));
    const stored = await db.db.select().from(calendarDays).where(like(calendarDays.note, "off-%"));
    expect(stored).toHaveLength(56);
    // the very next group of the one writer sees it too
    const inGroup = await db.write((tx) =>
      tx.$count(calendarDays, like(calendarDays.note, "off-%")),
    );
    expect(inGroup).toBe(56);
    // a case event for a case that does not exist: refused by its foreign key, nothing kept
    const orphan = writeStatement(
      `insert into case_events (id, event_id, client_id, case_id, type, occurred_at, body_hash,
       payload_enc, answer, created_at) values ('x1', 'e1', 'c', 'no-such-case', 'received', 0,
       'h', 'p', '{}', 0)`,
    );
    await expect(db.bulkWrite((tx) => orphan(tx, []))).rejects.toThrow(/FOREIGN KEY/);
    expect(await db.db.$count(caseEvents, eq(caseEvents.id, "x1"))).toBe(0);
  });

  test("a write that throws is rolled back whole, and the writer goes on", async () => {
    ({ database } = await testDatabase());
    const db = database;
    await expect(
      db.bulkWrite(async (tx) => {
        await insertDays(tx, days(3, 10));
        throw new Error("refused after writing");
      }),
    ).rejects.toThrow("refused after writing");
    expect(await db.db.$count(calendarDays, like(calendarDays.note, "off-%"))).toBe(0);
    // statements sent without waiting (sentWrites): one fails, and the COMMIT that follows it to
    // the worker rolls back the whole transaction instead, the good statements before it too
    await expect(
      db.bulkWrite((tx) =>
        sentWrites(tx, [
          insertDays(tx, days(3, 10)),
          insertDays(tx, days(3, 1)),
          insertDays(tx, days(5, 3)),
        ]),
      ),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.db.$count(calendarDays, like(calendarDays.note, "off-%"))).toBe(0);
    await db.bulkWrite((tx) => insertDays(tx, days(3, 10)));
    expect(await db.db.$count(calendarDays, like(calendarDays.note, "off-%"))).toBe(10);
  });

  test("takes its turn among the one writer's groups: never two writers at once, each in order", async () => {
    ({ database } = await testDatabase());
    const db = database;
    const order: string[] = [];
    const single = (i: number) =>
      db
        .write(async (tx: Tx) => {
          await tx.insert(calendarDays).values({
            date: `2098-01-${String(i + 1).padStart(2, "0")}`,
            workday: true,
            note: "off-1",
          });
          return tx.$count(calendarDays, like(calendarDays.note, "off-%"));
        })
        .then((n) => order.push(`w${i}:${n}`));
    const bulk = (k: number) =>
      db
        .bulkWrite(async (tx) => {
          await insertDays(tx, days(4 + k, 20));
          return (await offDays.get(tx, {}))!.n;
        })
        .then((n) => order.push(`b${k}:${n}`));
    // queued together: a group, then a bulk write, then a group, then another bulk write and a
    // group. A bulk write is answered once its own sync is done, which a later group's may beat:
    // what each saw says the order they ran in
    await Promise.all([single(0), single(1), bulk(0), single(2), single(3), bulk(1), single(4)]);
    expect(Object.fromEntries(order.map((o) => o.split(":")))).toEqual({
      w0: "1",
      w1: "2",
      b0: "22",
      w2: "23",
      w3: "24",
      b1: "44",
      w4: "45",
    });
  });

  test("a stop waits for a bulk write's sync, not only for the writer's queue", async () => {
    ({ database } = await testDatabase());
    const db = database;
    let answered = false;
    const write = db.bulkWrite((tx) => insertDays(tx, days(8, 28))).then(() => (answered = true));
    await db.idle();
    expect(answered).toBe(true);
    await write;
    expect(db.writerStats().offThread).toEqual({ transactions: 1, syncs: 1 });
  });
});
