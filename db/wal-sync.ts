import { closeSync, fdatasync, fsyncSync, openSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The fsync that makes a committed group durable, run on libuv's thread pool instead of inside
 * COMMIT on the main thread.
 *
 * With `synchronous=FULL` SQLite fsyncs the WAL inside every COMMIT, and the `file:` driver runs
 * COMMIT on the main thread: under bench:submit that blocked the event loop ~0.2–1 ms per group,
 * the largest single cost after the framework. The writer's own connection therefore runs
 * `synchronous=NORMAL` (COMMIT only writes the WAL; SQLite still syncs it before a checkpoint
 * and the database after one), and the writer answers a group only after this has fdatasynced
 * the WAL — everything the group wrote is on disk before anyone hears "saved", as with FULL.
 *
 * The WAL file exists from the first commit on and is never deleted while the connection that
 * wrote it is open, so it is opened once, after the first commit. Its directory is synced once
 * then too, so a WAL file created by this process survives a power cut with its entry.
 */
export function walSync(databasePath: string): () => Promise<void> {
  let fd: number | undefined;
  const open = (): number => {
    const opened = openSync(`${databasePath}-wal`, "r");
    const dir = openSync(dirname(databasePath), "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    return opened;
  };
  return () => {
    fd ??= open();
    const file = fd;
    return new Promise<void>((resolve, reject) =>
      fdatasync(file, (e) => (e ? reject(e) : resolve())),
    );
  };
}
