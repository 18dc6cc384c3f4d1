import { setImmediate as nextTurn } from "node:timers/promises";

import type { Db, Tx } from "./types";

type Job = {
  fn: (tx: Tx) => Promise<unknown>;
  /** a write made elsewhere (db/off-thread.ts), run alone between groups */
  alone?: () => Promise<unknown>;
  /** a write that reads first (db/writer.ts ReadThenWrite): its read may be sent ahead with its neighbours' */
  plan?: ReadThenWrite<unknown, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** answered already: by its deadline (a stalled database) or its group */
  settled?: boolean;
};
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A write whose reads come first and depend on nothing but its own input. Against a libSQL server
 * every read waited for is a round trip, and a group waited for each job's in turn; the writer
 * sends the reads of a run of such jobs together, then runs their writes in order. `keys` name
 * the rows the read looks at and the write may create: a job whose key an earlier job of the run
 * shares reads again at its turn, so it sees what that job wrote.
 */
export interface ReadThenWrite<R, T> {
  keys: string[];
  read: (tx: Tx) => Promise<R>;
  write: (tx: Tx, read: R) => Promise<T>;
}

export interface WriterStats {
  groups: number;
  /** groups made durable by the writer's own fsync after COMMIT (db/wal-sync.ts) */
  syncs: number;
  writes: number;
  failedGroups: number;
  /** groups replayed with a savepoint per write because one failed after writing */
  replays: number;
}

export interface WriterTuning {
  /** most writes one transaction takes */
  maxGroup?: number;
  /** after this many writes of a group the event loop runs once (0: never inside a group) */
  yieldEvery?: number;
}

/** An exclusive job's place in a group, which it never takes (`#drain` runs it alone). */
const inNoGroup = () => Promise.reject(new Error("an exclusive write runs in no group"));

/** Thrown inside the fast path when a write failed after it had written: the group is replayed. */
class ReplayWithSavepoints extends Error {}

/*
 * The marks a job touches on its transaction, registered symbols: Next bundles this module once
 * per layer, and the writer that made the transaction may come from another copy than the code
 * that touches it. A plain Symbol() went unseen there: a prepared write was not noted (a job that
 * failed after it was not rolled back), nor were writes sent, nor the group's memo.
 */
/** What a job touches on its transaction to say it wrote without drizzle's builders (db/prepared.ts). */
export const WROTE = Symbol.for("hcp.writer.wrote");
/** What a job touches to hand the writer statements it sent and did not wait for. */
export const DEFER = Symbol.for("hcp.writer.defer");
/** What a job touches to read what earlier jobs of its group left for it. */
const MEMO = Symbol.for("hcp.writer.memo");
const WRITE_METHODS = new Set<string | symbol>([
  "insert",
  "update",
  "delete",
  "run",
  "transaction",
  "batch",
  WROTE,
  DEFER,
]);

/** Tells the writer this job wrote through the transaction's client directly. */
export function noteWrite(tx: Tx): void {
  void (tx as unknown as Record<symbol, unknown>)[WROTE];
}

/**
 * Writes a job sent without waiting for each: on a libSQL server every statement waited for is a
 * round trip, while statements sent one after another on the transaction's stream travel together
 * and run in order, so a later read of the group sees them. Inside the writer the job goes on at
 * once and the group waits for them before it commits (one that failed replays the group with a
 * savepoint per write, as any write that fails after writing does); outside it they are awaited here.
 */
export async function sentWrites(tx: Tx, writes: Promise<unknown>[]): Promise<void> {
  const defer = (tx as unknown as Record<symbol, ((p: Promise<unknown>[]) => void) | undefined>)[
    DEFER
  ];
  if (defer) defer(writes);
  else await Promise.all(writes);
}

/**
 * What earlier jobs of this group's transaction left for later ones: a value read once and kept
 * current by every job that changes it (the rating chain's head, server/ratings/append.ts), so a
 * read sent ahead of the group need not hold it. Only the fast path has one: a group replayed with
 * savepoints may roll a job back, so there every job reads for itself. Undefined outside the writer.
 */
export function groupMemo(tx: Tx): Map<string, unknown> | undefined {
  return (tx as unknown as Record<symbol, Map<string, unknown> | undefined>)[MEMO];
}

/** Hands a job the transaction; notes whether it asked for anything that can write, and keeps what it sent. */
function tracked(
  tx: Tx,
  memo?: Map<string, unknown>,
): { tx: Tx; wrote: () => boolean; sent: Promise<unknown>[] } {
  let wrote = false;
  const sent: Promise<unknown>[] = [];
  const defer = (writes: Promise<unknown>[]) => {
    for (const w of writes) {
      w.catch(() => undefined); // awaited by the group; a failure replays it
      sent.push(w);
    }
  };
  const proxy = new Proxy(tx, {
    get(target, prop, receiver) {
      if (WRITE_METHODS.has(prop)) wrote = true;
      if (prop === DEFER) return defer;
      if (prop === MEMO) return memo;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { tx: proxy, wrote: () => wrote, sent };
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
  readonly #yieldEvery: number;
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
    opts: WriterTuning & {
      durable?: () => Promise<void>;
      deadline?: { ms: number; error: () => Error };
    } = {},
  ) {
    this.#maxGroup = opts.maxGroup ?? 256;
    this.#yieldEvery = opts.yieldEvery ?? 0;
    this.#durable = opts.durable;
    this.#deadline = opts.deadline;
  }

  /** A write that reads first; the same as `write(async (tx) => plan.write(tx, await plan.read(tx)))`, in fewer round trips. */
  readThenWrite<R, T>(plan: ReadThenWrite<R, T>): Promise<T> {
    return this.#enqueue({
      fn: async (tx) => plan.write(tx, await plan.read(tx)),
      plan: plan as ReadThenWrite<unknown, unknown>,
    });
  }

  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#enqueue({ fn });
  }

  /**
   * A write another connection makes (db/off-thread.ts): it takes its turn in the queue and runs
   * with no group open, so the two connections never write at once; `run` makes it durable itself.
   */
  exclusive<T>(run: () => Promise<T>): Promise<T> {
    return this.#enqueue({ fn: inNoGroup, alone: run });
  }

  #enqueue<T>(work: Pick<Job, "fn" | "plan" | "alone">): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { ...work, resolve: resolve as (v: unknown) => void, reject };
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
      const { alone } = this.#queue[0]!;
      if (alone) {
        await this.#runAlone(this.#queue.shift()!, alone);
        await nextTurn();
        continue;
      }
      const stop = this.#queue.findIndex((job) => job.alone);
      const group = this.#queue.splice(
        0,
        Math.min(this.#maxGroup, stop < 0 ? this.#queue.length : stop),
      );
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
      await nextTurn();
    }
    this.#running = false;
    for (const done of this.#idle.splice(0)) done();
  }

  async #runAlone(job: Job, alone: () => Promise<unknown>): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await alone() };
      this.#stats.groups += 1;
      this.#stats.writes += 1;
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (job.settled) return;
    job.settled = true;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
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

  /**
   * One transaction for the group; each write bare (the fast path: what it sent unawaited is waited
   * for once, before COMMIT) or in a savepoint of its own (waited for inside it).
   */
  #run(group: Job[], savepoints: boolean): Promise<Outcome[]> {
    return this.db.transaction(async (tx) => {
      const outcomes: Outcome[] = [];
      const sent: Promise<unknown>[] = [];
      const ahead = new Map<Job, Promise<unknown>>();
      const memo = new Map<string, unknown>();
      for (const [index, job] of group.entries()) {
        if (savepoints) {
          try {
            outcomes.push({
              ok: true,
              value: await tx.transaction((sp) => settled(tracked(sp), job.fn)),
            });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
          continue;
        }
        const bare = tracked(tx, memo);
        const read = job.plan
          ? (ahead.get(job) ?? readsAhead(group, index, tx, ahead).get(job))
          : undefined;
        try {
          outcomes.push({
            ok: true,
            value: await (job.plan && read ? job.plan.write(bare.tx, await read) : job.fn(bare.tx)),
          });
        } catch (error) {
          if (bare.wrote()) throw new ReplayWithSavepoints();
          outcomes.push({ ok: false, error });
        }
        sent.push(...bare.sent);
        // a long group does not hold every statement's promise to the end
        if (sent.length > 256) await waitFor(sent.splice(0));
        // nor the event loop: the requests waiting are read and parsed while the group goes on
        if (
          this.#yieldEvery > 0 &&
          (index + 1) % this.#yieldEvery === 0 &&
          index + 1 < group.length
        )
          await nextTurn();
      }
      await waitFor(sent);
      return outcomes;
    });
  }
}

/**
 * Sends at once the reads of the run of read-then-write jobs that starts at `from` (up to the
 * first plain job, which may write anything), each but those whose keys an earlier job of the
 * run shares: those read at their turn. On a libSQL stream they travel together and run in order.
 */
function readsAhead(
  group: Job[],
  from: number,
  tx: Tx,
  ahead: Map<Job, Promise<unknown>>,
): Map<Job, Promise<unknown>> {
  const seen = new Set<string>();
  for (let i = from; i < group.length; i++) {
    const plan = group[i]!.plan;
    if (!plan) break;
    const shared = plan.keys.some((k) => seen.has(k));
    for (const k of plan.keys) seen.add(k);
    if ((shared && i > from) || ahead.has(group[i]!)) continue;
    const read = plan.read(tx);
    read.catch(() => undefined); // awaited by its job
    ahead.set(group[i]!, read);
  }
  return ahead;
}

/** A job run to the end of what it sent, inside its savepoint. */
async function settled<T>(t: ReturnType<typeof tracked>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const value = await fn(t.tx);
  await Promise.all(t.sent);
  return value;
}

/** Waits for writes sent in the fast path; one that failed replays the group. */
async function waitFor(sent: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(sent);
  if (results.some((r) => r.status === "rejected")) throw new ReplayWithSavepoints();
}
