import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import { type Client, createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";

import { checkpointer, type CheckpointerState } from "./checkpointer";
import { type OffThreadStats, offThreadWriter } from "./off-thread";
import { DatabaseUnavailable, guardRemote, type RoundTrips } from "./remote";
import * as schema from "./schema";
import { installStatementCache } from "./statement-cache";
import type { Db, Tx } from "./types";
import { walSync } from "./wal-sync";
import { GroupWriter, type ReadThenWrite, type WriterStats, type WriterTuning } from "./writer";

/**
 * How long a call to a remote database may go unanswered: serving, short enough that a request is
 * answered 503 within 5 s (SPEC §10); for scripts (migrations, backfills), long.
 */
export const SERVING_TIMEOUT_MS = 4000;
const SCRIPT_TIMEOUT_MS = 10 * 60_000;

export interface Database {
  /** reads: any pooled connection */
  db: Db;
  client: Client;
  /** every write goes through here: queued, grouped, committed and fsynced before it resolves */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A write of many rows, on a thread of its own for a file (db/off-thread.ts): `fn`'s statements
   * must all go through db/prepared.ts. Elsewhere the same as `write`.
   */
  bulkWrite<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** a write that reads first: its read sent with its neighbours' (db/writer.ts ReadThenWrite) */
  readThenWrite<R, T>(plan: ReadThenWrite<R, T>): Promise<T>;
  /** the writer's counters, and the WAL checkpointer's for a file on disk (db/checkpointer.ts) */
  writerStats(): WriterStats & {
    checkpointer: CheckpointerState | null;
    offThread: OffThreadStats | null;
  };
  /** calls to a remote database so far (each a network round trip); 0 for a file */
  roundTrips(): number;
  /** resolves when every write queued so far is committed and answered */
  idle(): Promise<void>;
  close(): void;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith("file:");
}

/**
 * Opens the database; for a file URL, creates its folder and turns on WAL (persistent in the file),
 * and gives the writer a connection of its own that commits without fsync, the writer syncing
 * the WAL itself off the main thread before it answers (db/wal-sync.ts). Against a libSQL server
 * the writer shares the client: the server makes commits durable.
 */
export async function openDatabase(
  url: string,
  authToken?: string,
  opts: { timeoutMs?: number; writer?: WriterTuning } = {},
): Promise<Database> {
  const file = isFileUrl(url);
  const path = file ? (url.slice("file:".length).split("?")[0] ?? "") : "";
  const onDisk = path !== "" && path !== ":memory:";
  if (file) installStatementCache();
  if (onDisk) mkdirSync(dirname(path), { recursive: true });
  const trips: RoundTrips = { count: 0 };
  const timeoutMs = opts.timeoutMs ?? SCRIPT_TIMEOUT_MS;
  const plain = createClient({ url, authToken, timeout: 10_000 });
  // a remote database's every call is bounded and counted (db/remote.ts); a file answers in-process
  const client = file
    ? plain
    : guardRemote(plain, { timeoutMs, trips, pipelined: /^(ws|wss|libsql):/.test(url) });
  if (file) await client.execute("PRAGMA journal_mode=WAL");
  const db = drizzle(client, { schema });
  // one connection, so the pragma holds for every write transaction; a connection the pool
  // replaces after an error comes back with SQLite's default, FULL: slower, never less safe
  const writeClient = onDisk ? createClient({ url, timeout: 10_000, concurrency: 1 }) : client;
  if (onDisk) await writeClient.execute("PRAGMA synchronous=NORMAL");
  // the WAL's checkpoints on a worker thread once the database is busy (db/checkpointer.ts)
  const checkpoints = onDisk
    ? checkpointer(path, (pages) => writeClient.execute(`PRAGMA wal_autocheckpoint=${pages}`))
    : undefined;
  const sync = onDisk ? walSync(path) : undefined;
  const durable = sync
    ? async () => {
        await sync();
        checkpoints?.afterCommit();
      }
    : undefined;
  const deadline = file
    ? undefined
    : {
        ms: timeoutMs,
        error: () => new DatabaseUnavailable(`the write was not committed within ${timeoutMs} ms`),
      };
  const offThread = durable ? offThreadWriter(path, durable) : undefined;
  const bulk = new Set<Promise<unknown>>();
  const writer = durable
    ? new GroupWriter(drizzle(writeClient, { schema }), { ...opts.writer, durable })
    : new GroupWriter(db, { ...opts.writer, deadline });
  return {
    db,
    client,
    write: (fn) => writer.write(fn),
    bulkWrite: (fn) => {
      if (!offThread) return writer.write(fn);
      const done = writer
        .exclusive(() => offThread.transaction(fn))
        .then(async ({ value, durable: synced }) => {
          await synced;
          return value;
        });
      // the writer is free once the worker has committed; a stop still waits for the sync
      const settled: Promise<unknown> = done.then(
        () => bulk.delete(settled),
        () => bulk.delete(settled),
      );
      bulk.add(settled);
      return done;
    },
    readThenWrite: (plan) => writer.readThenWrite(plan),
    writerStats: () => ({
      ...writer.stats(),
      checkpointer: checkpoints?.stats() ?? null,
      offThread: offThread?.stats() ?? null,
    }),
    roundTrips: () => trips.count,
    idle: async () => {
      await writer.idle();
      await Promise.all(bulk);
    },
    close: () => {
      offThread?.stop();
      checkpoints?.stop();
      client.close();
      if (writeClient !== client) writeClient.close();
    },
  };
}
