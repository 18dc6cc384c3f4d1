import { copyFileSync, existsSync, statSync } from "node:fs";

import { sql } from "drizzle-orm";
import { afterEach, expect, test, vi } from "vitest";

import { testDatabase } from "../tests/db";
import { BACKSTOP_PAGES } from "./checkpointer";
import { type Database, openDatabase } from "./client";

let database: Database | undefined;
afterEach(() => database?.close());

test("a busy database's WAL is checkpointed by a worker thread, not inside COMMIT on the event loop; closing leaves one whole file", async () => {
  const opened = await testDatabase();
  database = opened.database;
  const { file } = opened;
  const db = database;
  await db.write((tx) => tx.run(sql`create table wal_fill (x blob)`));
  const fill = async (mb: number) => {
    for (let i = 0; i < mb * 10; i++)
      await db.write((tx) => tx.run(sql`insert into wal_fill values (randomblob(100000))`));
  };
  const autocheckpoint = async () =>
    (
      await db.write((tx) => tx.all<{ wal_autocheckpoint: number }>(sql`PRAGMA wal_autocheckpoint`))
    )[0]?.wal_autocheckpoint;

  // a quiet database keeps SQLite's own checkpoint and no worker
  expect(await autocheckpoint()).toBe(1000);
  expect(db.writerStats().checkpointer).toEqual({ state: "waiting", rounds: 0 });
  // past SQLite's 1000 pages of WAL: the worker starts and the writer's own checkpoint becomes the backstop
  await fill(5);
  await vi.waitFor(async () => expect(await autocheckpoint()).toBe(BACKSTOP_PAGES));

  // 8 MB more, far below the backstop's 80 MB: only the worker copies them into the database file
  const before = statSync(file).size;
  await fill(8);
  // the file grows while a round copies; the round is counted once its checkpoint returns
  await vi.waitFor(
    () => {
      expect(statSync(file).size - before).toBeGreaterThan(7_000_000);
      expect(db.writerStats().checkpointer!.rounds).toBeGreaterThan(0);
    },
    { timeout: 5000, interval: 100 },
  );
  expect(db.writerStats().checkpointer?.state).toBe("running");

  // written just before closing: the worker's last round on stopping copies them in (the client's
  // close does not checkpoint)
  await fill(2);
  database.close();
  expect(db.writerStats().checkpointer?.state).toBe("stopped");
  database = undefined;
  // the database file alone, copied without its WAL, holds every row
  const copy = `${file}.copy.db`;
  copyFileSync(file, copy);
  expect(existsSync(`${copy}-wal`)).toBe(false);
  database = await openDatabase(`file:${copy}`);
  const [row] = await database.db.all<{ n: number }>(sql`select count(*) as n from wal_fill`);
  expect(row?.n).toBe(150);
});

test("a worker that cannot start or dies leaves SQLite checkpointing in COMMIT again, and every write still succeeds", async () => {
  const opened = await testDatabase();
  database = opened.database;
  const db = database;
  await db.write((tx) => tx.run(sql`create table wal_fill (x blob)`));
  // libsql cannot be found from this folder: the worker fails as it starts
  const cwd = vi.spyOn(process, "cwd").mockReturnValue("/nonexistent");
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    for (let i = 0; i < 50; i++)
      await db.write((tx) => tx.run(sql`insert into wal_fill values (randomblob(100000))`));
    await vi.waitFor(() => expect(db.writerStats().checkpointer?.state).toBe("failed"));
    await vi.waitFor(async () =>
      expect(
        (
          await db.write((tx) =>
            tx.all<{ wal_autocheckpoint: number }>(sql`PRAGMA wal_autocheckpoint`),
          )
        )[0]?.wal_autocheckpoint,
      ).toBe(1000),
    );
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("WAL checkpointer stopped"));
  } finally {
    cwd.mockRestore();
    errors.mockRestore();
  }
  for (let i = 0; i < 10; i++)
    await db.write((tx) => tx.run(sql`insert into wal_fill values (randomblob(100000))`));
  const [row] = await db.db.all<{ n: number }>(sql`select count(*) as n from wal_fill`);
  expect(row?.n).toBe(60);
  expect(db.writerStats().failedGroups).toBe(0);
});
