import { Worker } from "node:worker_threads";

import type { InStatement, ResultSet } from "@libsql/client";

import { BACKSTOP_PAGES } from "./checkpointer";
import { executorTx } from "./prepared";
import type { Tx } from "./types";

/*
 * Big writes on a thread of their own. A batch of 500 new cases (SPEC §6 补报) is ~2 500 rows into
 * a dozen indexes, and the `file:` driver runs SQLite on the event loop: in bench:bulk SQLite was
 * a third of the main thread's time, time in which no citizen's request was read. Here a worker
 * thread owns a connection of its own and runs the statements the main thread sends it, in one
 * transaction. The main thread builds the statements as before and is free while they run. Its
 * connection commits without fsync (`synchronous=NORMAL`), and the commit is then made durable by
 * the writer's own `durable` (db/wal-sync.ts: an fdatasync of the one WAL both connections write,
 * on the thread pool): the next write may go on meanwhile, and the write is answered only once
 * its sync is done.
 *
 * Two connections must not write at once (one would wait on SQLite's lock): the one writer
 * (db/writer.ts `exclusive`) runs such a transaction between its own groups, never during one.
 */

// Plain CommonJS run by the worker; libsql is resolved from the app's folder at run time, as the
// checkpointer's is (db/checkpointer.ts)
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(require.resolve("libsql", { paths: [workerData.root] }));
const db = new Database(workerData.path, { timeout: 10000 });
db.exec("PRAGMA foreign_keys=ON");
db.exec("PRAGMA synchronous=NORMAL");
db.exec("PRAGMA wal_autocheckpoint=${BACKSTOP_PAGES}");
db.exec("PRAGMA cache_size=-32768");
const statements = new Map();
const value = (v) =>
  v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : v instanceof Date ? v.valueOf() : v;
// a transaction's statements come without waiting for each other's answers: once one fails, the
// rest are refused and its COMMIT rolls it back instead
let failed = false;
const statement = (text) => {
  let s = statements.get(text);
  if (!s) {
    s = db.prepare(text);
    if (statements.size >= 256) statements.delete(statements.keys().next().value);
    statements.set(text, s);
  }
  return s;
};
const run = (m) => {
  if (m.op === "begin") {
    failed = true;
    if (db.inTransaction) throw new Error("a transaction is already open");
    db.exec("BEGIN IMMEDIATE");
    failed = false;
    return { id: m.id };
  }
  if (m.op === "rollback") {
    if (db.inTransaction) db.exec("ROLLBACK");
    return { id: m.id };
  }
  if (failed || !db.inTransaction) throw new Error("the transaction failed before this statement");
  if (m.op === "commit") {
    db.exec("COMMIT");
    return { id: m.id };
  }
  try {
    const s = statement(m.sql);
    const args = m.args.map(value);
    if (s.reader) return { id: m.id, rows: s.all(args) };
    return { id: m.id, rowsAffected: s.run(args).changes };
  } catch (e) {
    failed = true;
    throw e;
  }
};
parentPort.on("message", (m) => {
  if (m.op === "stop") {
    try {
      if (db.inTransaction) db.exec("ROLLBACK");
      db.close();
    } finally {
      Atomics.store(workerData.shared, 0, 1);
      Atomics.notify(workerData.shared, 0);
      parentPort.close();
    }
    return;
  }
  let answer;
  try {
    answer = run(m);
  } catch (e) {
    const error = { message: String(e && e.message), code: e && e.code };
    answer = { id: m.id, error };
    if (m.op === "commit" && db.inTransaction) db.exec("ROLLBACK");
  }
  parentPort.postMessage(answer);
});
`;

type Answer = {
  id: number;
  rows?: Record<string, unknown>[];
  rowsAffected?: number;
  error?: { message: string; code?: string };
};

/** An error SQLite gave on the worker, with its code as the libSQL client's errors carry it. */
export class OffThreadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface OffThreadStats {
  /** transactions committed on the worker */
  transactions: number;
  /** of those, made durable since (`durable`: db/wal-sync.ts) */
  syncs: number;
}

export interface OffThreadWriter {
  /**
   * `fn` in one transaction of the worker's connection, rolled back if it throws; resolves once
   * committed, with `durable`, which resolves once the commit is on disk. `fn`'s statements must go
   * through db/prepared.ts (its `tx` has no query builder). The caller makes sure no other
   * connection writes until this resolves.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<{ value: T; durable: Promise<void> }>;
  stats(): OffThreadStats;
  /** closes the worker's connection before returning (so the app's own close is the last) */
  stop(): void;
}

/** `durable` makes a committed transaction durable: the writer's own (db/client.ts). */
export function offThreadWriter(
  databasePath: string,
  durable: () => Promise<void>,
): OffThreadWriter {
  let worker: Worker | undefined;
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  let next = 0;
  const stats: OffThreadStats = { transactions: 0, syncs: 0 };
  const fail = (e: Error) => {
    worker = undefined;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = new Worker(WORKER, {
      eval: true,
      workerData: { root: process.cwd(), path: databasePath, shared },
    });
    w.unref();
    w.on("message", (a: Answer) => {
      const waiter = waiting.get(a.id);
      waiting.delete(a.id);
      waiter?.resolve(a);
    });
    w.on("error", (e) => fail(e));
    w.on("exit", () => fail(new Error("the off-thread writer stopped")));
    return (worker = w);
  };
  const answer = (id: number) =>
    new Promise<Answer>((resolve, reject) => waiting.set(id, { resolve, reject })).then((a) => {
      if (a.error) throw new OffThreadError(a.error.message, a.error.code);
      return a;
    });
  const send = (op: "begin" | "rollback" | "run" | "commit", sql = "", args: unknown[] = []) => {
    const id = (next += 1);
    const answered = answer(id);
    started().postMessage({ id, op, sql, args });
    return answered;
  };
  const execute = async (stmt: InStatement): Promise<ResultSet> => {
    const { sql, args } = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
    const a = await send("run", sql, Array.isArray(args) ? args : []);
    return { rows: a.rows ?? [], rowsAffected: a.rowsAffected ?? 0 } as unknown as ResultSet;
  };
  return {
    async transaction(fn) {
      // sent at once, as are the job's statements: the worker runs them in order
      const begun = send("begin");
      const sent: Promise<unknown>[] = [];
      const keep = (writes: Promise<unknown>[]) => {
        for (const w of writes) {
          w.catch(() => undefined); // awaited before the COMMIT is answered
          sent.push(w);
        }
      };
      keep([begun]);
      const tx = executorTx({ execute }, keep);
      let value;
      try {
        value = await fn(tx);
      } catch (e) {
        await send("rollback").catch(() => undefined);
        throw e;
      }
      const committed = send("commit");
      committed.catch(() => undefined); // awaited below, unless a statement's failure comes first
      try {
        await Promise.all(sent);
        await committed;
      } catch (e) {
        // the worker refused the COMMIT of a transaction with a failed statement and rolled it back
        await send("rollback").catch(() => undefined);
        throw e;
      }
      stats.transactions += 1;
      return {
        value,
        durable: durable().then(() => {
          stats.syncs += 1;
        }),
      };
    },
    stats: () => ({ ...stats }),
    stop() {
      const running = worker;
      worker = undefined;
      if (!running) return;
      running.postMessage({ op: "stop" });
      Atomics.wait(shared, 0, 0, 2000);
      void running.terminate();
    },
  };
}
