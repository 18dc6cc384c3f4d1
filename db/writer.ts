import type { Db, Tx } from "./types";

type Job = {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export interface WriterStats {
  groups: number;
  writes: number;
  failedGroups: number;
}

/**
 * The one in-process writer (DESIGN §3). Interactive write transactions must not run
 * concurrently on a file database, and every acknowledged write must be fsynced. So writes
 * queue here; each drain takes every waiting write, runs each in its own savepoint of one
 * transaction (a failing write rolls back alone), commits once — one fsync for the group —
 * and only then answers them. It yields to the event loop between groups so the requests
 * that arrived during a commit are read and join the next group.
 */
export class GroupWriter {
  #queue: Job[] = [];
  #running = false;
  #stats: WriterStats = { groups: 0, writes: 0, failedGroups: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 256,
  ) {}

  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) {
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  stats(): WriterStats {
    return { ...this.#stats };
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.maxGroup);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await this.db.transaction(async (tx) => {
          for (const job of group) {
            try {
              outcomes.push({ ok: true, value: await tx.transaction((sp) => job.fn(sp)) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        });
        this.#stats.groups += 1;
        this.#stats.writes += group.length;
        group.forEach((job, i) => {
          const o = outcomes[i];
          if (o?.ok) job.resolve(o.value);
          else job.reject(o?.error);
        });
      } catch (error) {
        // the commit itself failed: nothing of the group is on disk, so nothing is acknowledged
        this.#stats.failedGroups += 1;
        for (const job of group) job.reject(error);
      }
      await new Promise<void>((r) => setImmediate(r));
    }
    this.#running = false;
  }
}
