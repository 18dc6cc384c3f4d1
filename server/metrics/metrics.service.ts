import "server-only";

import { sql } from "drizzle-orm";

import type { Deps } from "../deps";
import { metrics } from "./registry";

/** Sets a counter kept elsewhere (the writer's, the client's) to its current value. */
function copy(counter: { reset(): void; inc(n: number): void }, value: number): void {
  counter.reset();
  counter.inc(value);
}

/**
 * The Prometheus text of this instance (SPEC §10): what the process counted itself, and two
 * counts from the database that every instance reports alike (the outbox's backlog, the open
 * work orders), each from an index.
 */
export async function scrape(deps: Deps): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const stats = deps.database.writerStats();
  copy(m.writerGroups, stats.groups);
  copy(m.writerWrites, stats.writes);
  copy(m.writerReplays, stats.replays);
  copy(m.roundTrips, deps.database.roundTrips());
  const now = deps.clock.now();
  const [outbox, orders] = await Promise.all([
    deps.database.db.all<{ channel: string; status: string; n: number }>(
      sql`select channel, status, count(*) as n from outbox where status in ('pending', 'dead') group by channel, status`,
    ),
    deps.database.db.all<{ open: number; overdue: number }>(
      sql`select count(*) as open, coalesce(sum(due_at <= ${now}), 0) as overdue from work_orders where done = 0`,
    ),
  ]);
  m.outbox.reset();
  for (const channel of ["sms", "hotline", "province"])
    for (const status of ["pending", "dead"])
      m.outbox.set(
        { channel, status },
        outbox.find((r) => r.channel === channel && r.status === status)?.n ?? 0,
      );
  m.workOrders.set({ state: "open" }, orders[0]?.open ?? 0);
  m.workOrders.set({ state: "overdue" }, orders[0]?.overdue ?? 0);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
