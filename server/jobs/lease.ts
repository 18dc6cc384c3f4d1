import "server-only";

import { and, eq, lte, or } from "drizzle-orm";

import { jobLeases } from "@/db/schema";

import type { Deps } from "../deps";

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
