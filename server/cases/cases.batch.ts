import "server-only";
import type { Deps } from "../deps";
import type { TCaseAnswer, TCaseEvent } from "./cases.schema";
import { prepareCaseEvent } from "./cases.service";

export type EventOutcome = { ok: true; answer: TCaseAnswer } | { ok: false; error: unknown };

/**
 * SPEC §6 batch (补报 after an outage): every event is prepared at once (code lookups, hashes),
 * then every write is queued in the request's order without waiting between them, so the one
 * writer commits the lot in a few groups — one fsync per group, not per event. Each write
 * resolves only once its group is on disk, and a failing event rolls back alone; so when this
 * returns, every event answered ok is durable, and each answer is what the single endpoint gives.
 */
export async function recordCaseEvents(deps: Deps, clientId: string, events: TCaseEvent[]): Promise<EventOutcome[]> {
  const prepared = await Promise.allSettled(events.map((e) => prepareCaseEvent(deps, clientId, e)));
  const written = await Promise.allSettled(prepared.map((p) => (p.status === "fulfilled" ? deps.database.write(p.value) : Promise.reject(p.reason as Error))));
  return written.map((w) => (w.status === "fulfilled" ? { ok: true, answer: w.value } : { ok: false, error: w.reason as unknown }));
}
