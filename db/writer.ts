import type { Db, Tx } from "./types";

type Job = {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** answered already: by its deadline (a stalled database) or its group */
  settled?: boolean;
};
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface WriterStats {
  groups: number;
  /** groups made durable by the writer's own fsync after COMMIT (db/wal-sync.ts) */
  syncs: number;
  writes: number;
  failedGroups: number;
  /** groups replayed with a savepoint per write because one failed after writing */
  replays: number;
}

/** Thrown inside the fast path when a write failed after it had written: the group is replayed. */
class ReplayWithSavepoints extends Error {}

/** What a job touches on its transaction to say it wrote without drizzle's builders (db/prepared.ts). */
export const WROTE = Symbol("wrote");
const WRITE_METHODS = new Set<string | symbol>(["insert", "update", "delete", "run", "transaction", "batch", WROTE]);

/** Tells the writer this job wrote through the transaction's client directly. */
export function noteWrite(tx: Tx): void {
  void (tx as unknown as Record<symbol, unknown>)[WROTE];
}

/** Hands a job the transaction and notes whether it asked for anything that can write. */
function tracked(tx: Tx): { tx: Tx; wrote: () => boolean } {
  let wrote = false;
  const proxy = new Proxy(tx, {
    get(target, prop, receiver) {
      if (WRITE_METHODS.has(prop)) wrote = true;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { tx: proxy, wrote: () => wrote };
}

/**
 * The one in-process writer (DESIGN §3). Interactive write transactions must not run
 * concurrently on a file database, and every acknowledged write must be fsynced. So writes
 * queue here; each drain takes every waiting write, runs them in one transaction, commits
 * once — one fsync for the group — and only then answers them. It yields to the event loop
 * between groups so the requests that arrived during a commit join the next group.
 *
 * A failing write must roll back alone. Savepoints cost two statements a write, so the fast
 * path runs writes bare: a write that fails before writing anything (a refusal, a conflict)
 * needs no undo; one that fails after writing rolls the group back, and the group is replayed
 * with a savepoint per write. Nothing is answered before its group commits either way.
 */
export class GroupWriter {
  #queue: Job[] = [];
  #running = false;
  #stats: WriterStats = { groups: 0, syncs: 0, writes: 0, failedGroups: 0, replays: 0 };
  readonly #maxGroup: number;
  readonly #durable: (() => Promise<void>) | undefined;
  readonly #deadline: { ms: number; error: () => Error } | undefined;
  #idle: (() => void)[] = [];

  /**
   * `durable`, when given, makes a committed group durable (db/wal-sync.ts: the connection commits
   * without fsync); nothing of the group is answered before it resolves.
   */
  /**
   * `deadline`, when given (a remote database), answers a write that is not done within `ms` with
   * `error()`: one still queued never runs; one in a running group is answered now and its group's
   * outcome is not (it may yet commit: the client's retry with the same key finds it).
   */
  constructor(
    private readonly db: Db,
    opts: { maxGroup?: number; durable?: () => Promise<void>; deadline?: { ms: number; error: () => Error } } = {},
  ) {
    this.#maxGroup = opts.maxGroup ?? 256;
    this.#durable = opts.durable;
    this.#deadline = opts.deadline;
  }

  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { fn, resolve: resolve as (v: unknown) => void, reject };
      const deadline = this.#deadline;
      if (deadline) {
        const timer = setTimeout(() => {
          if (job.settled) return;
          job.settled = true;
          const queued = this.#queue.indexOf(job);
          if (queued >= 0) this.#queue.splice(queued, 1);
          reject(deadline.error());
        }, deadline.ms);
        job.resolve = (v) => {
          clearTimeout(timer);
          resolve(v as T);
        };
        job.reject = (e) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        };
      }
      this.#queue.push(job);
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  /** Resolves once every write queued so far is committed and answered (a graceful stop). */
  idle(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  stats(): WriterStats {
    return { ...this.#stats };
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#maxGroup);
      try {
        const outcomes = await this.#commit(group);
        if (this.#durable) {
          await this.#durable();
          this.#stats.syncs += 1;
        }
        this.#stats.groups += 1;
        this.#stats.writes += group.length;
        group.forEach((job, i) => {
          const o = outcomes[i];
          if (job.settled) return;
          job.settled = true;
          if (o?.ok) job.resolve(o.value);
          else job.reject(o?.error);
        });
      } catch (error) {
        // the commit or its fsync failed: nothing of the group is known to be on disk, so nothing is
        // acknowledged (a retry with the same idempotency key gets the stored answer if it was)
        this.#stats.failedGroups += 1;
        for (const job of group) {
          if (job.settled) continue;
          job.settled = true;
          job.reject(error);
        }
      }
      await new Promise<void>((r) => setImmediate(r));
    }
    this.#running = false;
    for (const done of this.#idle.splice(0)) done();
  }

  async #commit(group: Job[]): Promise<Outcome[]> {
    try {
      return await this.#run(group, false);
    } catch (e) {
      if (!(e instanceof ReplayWithSavepoints)) throw e;
    }
    this.#stats.replays += 1;
    return this.#run(group, true);
  }

  /** One transaction for the group; each write bare (the fast path) or in a savepoint of its own. */
  #run(group: Job[], savepoints: boolean): Promise<Outcome[]> {
    return this.db.transaction(async (tx) => {
      const outcomes: Outcome[] = [];
      for (const job of group) {
        const bare = savepoints ? null : tracked(tx);
        try {
          outcomes.push({ ok: true, value: await (bare ? job.fn(bare.tx) : tx.transaction((sp) => job.fn(sp))) });
        } catch (error) {
          if (bare?.wrote()) throw new ReplayWithSavepoints();
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    });
  }
}
