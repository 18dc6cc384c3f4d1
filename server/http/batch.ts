import "server-only";

import { recordCaseEvents } from "../cases/cases.batch";
import { type TCaseEvent, type TCaseEventBatchAnswer, ZCaseEvent } from "../cases/cases.schema";
import type { Deps } from "../deps";
import { mapInSlices } from "../turns";
import { errorOf, parseWith } from "./v1";

/** SPEC §6: a batch body over 4 MiB is a 413. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

type Result = TCaseEventBatchAnswer["results"][number];

const eventIdOf = (raw: unknown): string | null =>
  typeof raw === "object" &&
  raw !== null &&
  typeof (raw as { eventId?: unknown }).eventId === "string"
    ? (raw as { eventId: string }).eventId
    : null;

/**
 * Answers each event of a batch with the status and body (or error) the single endpoint would
 * have answered, in the request's order: a malformed event is a 400 in its place, a refused one
 * its 4xx, and the others are recorded all the same.
 */
export async function caseEventBatch(
  deps: Deps,
  clientId: string,
  raw: unknown[],
): Promise<TCaseEventBatchAnswer> {
  const results: Result[] = raw.map((r) => ({ eventId: eventIdOf(r), status: 0 }));
  const valid: { at: number; event: TCaseEvent }[] = [];
  await mapInSlices(raw, (r, at) => {
    try {
      valid.push({ at, event: parseWith(ZCaseEvent, r, `events.${at}`) });
    } catch (e) {
      const { status, error } = errorOf(e);
      results[at] = { eventId: eventIdOf(r), status, error };
    }
  });
  const outcomes = await recordCaseEvents(
    deps,
    clientId,
    valid.map((v) => v.event),
  );
  outcomes.forEach((o, i) => {
    const { at, event } = valid[i]!;
    results[at] = o.ok
      ? { eventId: event.eventId, status: 200, body: o.answer }
      : { eventId: event.eventId, ...errorOf(o.error) };
  });
  return { results };
}
