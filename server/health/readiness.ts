import "server-only";

import { sql } from "drizzle-orm";

import journal from "@/db/migrations/meta/_journal.json";
import { DatabaseUnavailable } from "@/db/remote";

import type { Deps } from "../deps";
import { lifecycle } from "../lifecycle";

/** How long /api/ready waits for the database before it says the instance is not ready. */
const READY_WITHIN_MS = 2000;

export type Readiness =
  { ready: true; db: "ok"; migrations: "current" } | { ready: false; message: string };

/**
 * Whether a load balancer should send this instance requests (SPEC §10): not while it stops,
 * not when the database does not answer in time, not when the database lacks a migration this
 * release needs (a newer release's extra migrations are its own and keep this one serving).
 */
export async function readiness(deps: Deps): Promise<Readiness> {
  if (lifecycle().draining) return { ready: false, message: "this instance is stopping" };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailable("late")), READY_WITHIN_MS);
  });
  try {
    const rows = await Promise.race([
      deps.database.db.all<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`),
      late,
    ]);
    const applied = rows[0]?.n ?? 0;
    if (applied < journal.entries.length)
      return {
        ready: false,
        message: `the database has ${applied} of this release's ${journal.entries.length} migrations: run npm run db:setup`,
      };
    return { ready: true, db: "ok", migrations: "current" };
  } catch {
    return { ready: false, message: `the database does not answer within ${READY_WITHIN_MS} ms` };
  } finally {
    clearTimeout(timer);
  }
}
