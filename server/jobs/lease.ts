import "server-only";

import { and, eq, lte, or } from "drizzle-orm";

import { jobLeases } from "@/db/schema";

import type { Deps } from "../deps";
import { log } from "../log";

/**
 * A job runs in one process at a time: the server's timer and `npm run jobs` may overlap. The
 * lease expires by itself, so a process killed mid-job only delays the job until then.
 */
export async function acquireLease(
  deps: Deps,
  name: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  return deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const rows = await tx
      .insert(jobLeases)
      .values({ name, holder, until: now + ttlMs })
      .onConflictDoUpdate({
        target: jobLeases.name,
        set: { holder, until: now + ttlMs },
        setWhere: or(lte(jobLeases.until, now), eq(jobLeases.holder, holder)),
      })
      .returning({ holder: jobLeases.holder });
    return rows[0]?.holder === holder;
  });
}

/** Only the holder's own lease ends: one that expired and passed on stays with its new holder. */
export async function releaseLease(deps: Deps, name: string, holder: string): Promise<void> {
  await deps.database.write(async (tx) => {
    const now = deps.clock.now();
    await tx
      .update(jobLeases)
      .set({ until: now, lastRunAt: now })
      .where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)));
  });
}

export interface LeaseTerms {
  /** how long the lease lives without renewal: what a killed process holds its job up */
  ttlMs: number;
  renewEveryMs?: number;
  /** a run still going after this stops renewing: a hung run must not hold its job forever */
  maxRunMs?: number;
}

/**
 * Runs `fn` under the lease, renewing it every third of its life, so the lease can be short: a
 * process killed by kill -9 holds a job up for at most `ttlMs`, while a slow run keeps its lease
 * for up to `maxRunMs`. Returns `held` when another process holds it.
 */
export async function underLease<T>(
  deps: Deps,
  name: string,
  holder: string,
  terms: LeaseTerms,
  fn: () => Promise<T>,
): Promise<{ held: true } | { held: false; value: T }> {
  const { ttlMs, renewEveryMs = ttlMs / 3, maxRunMs = 10 * 60_000 } = terms;
  if (!(await acquireLease(deps, name, holder, ttlMs))) return { held: true };
  const started = performance.now();
  let renewing: Promise<unknown> = Promise.resolve();
  const renew = setInterval(() => {
    if (performance.now() - started > maxRunMs) {
      clearInterval(renew);
      log().warn({ job: name, maxRunMs }, "job still running: its lease is no longer renewed");
      return;
    }
    // a renewal that fails (the database stalled) is tried again at the next beat
    renewing = acquireLease(deps, name, holder, ttlMs).catch(() => false);
  }, renewEveryMs).unref();
  try {
    return { held: false, value: await fn() };
  } finally {
    clearInterval(renew);
    await renewing;
    await releaseLease(deps, name, holder);
  }
}
