import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";

/*
 * WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the COMMIT that
 * takes the WAL past 1000 pages: it copies the WAL into the database file and syncs both, and the
 * `file:` driver runs COMMIT on the event loop. Measured in bench:bulk, that was 16 % of the
 * server's busy time (5850 events/s with it, 6950 with no checkpoints at all).
 *
 * Once a database has filled a WAL of that size (a busy one; most test databases never do), a
 * worker thread with a connection of its own runs a PASSIVE checkpoint every CHECKPOINT_EVERY_MS:
 * it never waits on the writer or the readers, and it syncs nothing when there is nothing to copy.
 * The writer's own automatic checkpoint stays on at BACKSTOP_PAGES: should the worker fall behind
 * or die, the WAL still cannot grow without bound, and since the writer holds the write lock its
 * checkpoint finishes the copy, so the WAL starts over from its beginning at the next write.
 */

/** The WAL size (SQLite's default automatic checkpoint, 1000 pages of 4 KiB) that starts the worker. */
export const START_BYTES = 1000 * 4096;
export const CHECKPOINT_EVERY_MS = 200;
export const BACKSTOP_PAGES = 20_000;

/** Slots of the shared counters: set when the worker has closed its connection; checkpoints it ran. */
const STOPPED = 0;
const ROUNDS = 1;

// Plain CommonJS run by the worker; libsql is resolved from the app's folder at run time (a bundler
// would turn a require written here in the module into its own module id).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(require.resolve("libsql", { paths: [workerData.root] }));
const db = new Database(workerData.path);
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    checkpoint.all();
    Atomics.add(workerData.shared, ${ROUNDS}, 1);
  } catch {
    // the writer's backstop checkpoint covers a failed round
  }
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  try {
    // a last round: everything committed is in the database file even if this thread's connection
    // is released after the app's own (whose close would otherwise have copied the WAL in)
    checkpoint.all();
    db.close();
  } finally {
    Atomics.store(workerData.shared, ${STOPPED}, 1);
    Atomics.notify(workerData.shared, ${STOPPED});
    parentPort.close();
  }
});
`;

export interface CheckpointerState {
  /** "waiting" until the WAL first fills, then "running"; "failed" if the worker died (the backstop is SQLite's 1000 pages again) */
  state: "waiting" | "running" | "failed" | "stopped";
  /** checkpoints the worker has run */
  rounds: number;
}

export interface Checkpointer {
  /** after each committed group: starts the worker once the WAL has grown to START_BYTES */
  afterCommit(): void;
  /** stops the worker and closes its connection before returning, so the writer's close is the last one */
  stop(): void;
  stats(): CheckpointerState;
}

/**
 * `setBackstop(pages)` sets the writer connection's own automatic checkpoint: BACKSTOP_PAGES while
 * the worker runs, SQLite's 1000 again if it dies.
 */
export function checkpointer(
  databasePath: string,
  setBackstop: (pages: number) => Promise<unknown>,
): Checkpointer {
  let worker: Worker | undefined;
  const shared = new Int32Array(new SharedArrayBuffer(8));
  let state: CheckpointerState["state"] = "waiting";
  const start = () => {
    state = "running";
    worker = new Worker(WORKER, {
      eval: true,
      workerData: { root: process.cwd(), path: databasePath, everyMs: CHECKPOINT_EVERY_MS, shared },
    });
    // the server's process never waits on it to exit
    worker.unref();
    worker.on("error", (e) => {
      worker = undefined;
      state = "failed";
      console.error(`WAL checkpointer stopped, SQLite checkpoints in COMMIT again: ${e.message}`);
      void setBackstop(1000).catch(() => undefined);
    });
    void setBackstop(BACKSTOP_PAGES).catch(() => undefined);
  };
  return {
    afterCommit() {
      if (state !== "waiting") return;
      let size: number;
      try {
        size = statSync(`${databasePath}-wal`).size;
      } catch {
        return;
      }
      if (size < START_BYTES) return;
      // this runs after a group is durable: a worker that cannot start must not fail the group
      try {
        start();
      } catch (e) {
        worker = undefined;
        state = "failed";
        console.error(
          `WAL checkpointer not started, SQLite checkpoints in COMMIT: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    },
    stop() {
      const running = worker;
      state = "stopped";
      worker = undefined;
      if (!running) return;
      running.postMessage("stop");
      Atomics.wait(shared, STOPPED, 0, 2000);
      void running.terminate();
    },
    stats: () => ({ state, rounds: Atomics.load(shared, ROUNDS) }),
  };
}
