import fc from "fast-check";
import { describe, expect, test } from "vitest";

import {
  type CaseEventFact,
  type CaseFacts,
  deriveCase,
  EVENT_TYPES,
  eventAllowed,
  mergeStage,
  type StageState,
} from "./cases.rules";

const T0 = Date.parse("2026-05-01T00:00:00+08:00");
const facts = fc.record<CaseFacts>({
  channel: fc.constantFrom("window", "online_pc", "online_mobile", "terminal"),
  needsCertificate: fc.boolean(),
});
const event = fc.record<CaseEventFact>({
  eventId: fc.string({ minLength: 1, maxLength: 6 }),
  type: fc.constantFrom(...EVENT_TYPES),
  occurredAt: fc.integer({ min: 0, max: 30 * 86_400_000 }).map((m) => T0 + m),
  decision: fc.constantFrom("approved", "rejected", "returned", null),
});
/** what happens to a stage between events: the rater rates it, the default job defaults it, or nothing */
const outside = fc.constantFrom("none", "rate", "default");

/** Replays events one at a time, as the service does, with ratings and defaults happening in between. */
function replay(f: CaseFacts, events: CaseEventFact[], actions: string[]) {
  let stored: StageState[] | undefined;
  const seen: CaseEventFact[] = [];
  const history: StageState[][] = [];
  events.forEach((e, i) => {
    if (!eventAllowed(f, e.type)) return;
    seen.push(e);
    const derived = deriveCase(f, seen);
    stored = derived.stages.map((d) =>
      mergeStage(
        stored?.find((s) => s.stage === d.stage),
        d,
      ),
    );
    const act = actions[i % actions.length];
    stored = stored.map((s) =>
      s.status === "open" && act === "rate"
        ? { ...s, status: "rated" }
        : s.status === "open" && act === "default"
          ? { ...s, status: "defaulted" }
          : s,
    );
    history.push(stored);
  });
  return history;
}

describe("case rules under random event sequences", () => {
  test("a stage never reopens once rated or defaulted; a failed receipt never opens a stage; completion opens at most once", () => {
    fc.assert(
      fc.property(
        facts,
        fc.array(event, { maxLength: 14 }),
        fc.array(outside, { minLength: 1, maxLength: 5 }),
        (f, events, actions) => {
          const history = replay(f, events, actions);
          const seenFailure = (i: number) =>
            events.slice(0, i + 1).some((e) => e.type === "receipt_failed");
          let completionOpenedAt: number | null = null;
          history.forEach((stages, i) => {
            const previous = history[i - 1];
            for (const s of stages) {
              const before = previous?.find((p) => p.stage === s.stage);
              if (before && (before.status === "rated" || before.status === "defaulted")) {
                expect(s).toEqual(before);
              }
              if (
                seenFailure(i) &&
                !(before && (before.status === "rated" || before.status === "defaulted"))
              ) {
                expect(["not_open"]).toContain(s.status);
              }
              if (s.stage === "completion" && s.opensAt !== null) {
                if (completionOpenedAt === null) completionOpenedAt = s.opensAt;
                expect(s.opensAt).toBe(completionOpenedAt);
              }
            }
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("the derived case depends only on the set of events, not on their arrival order", () => {
    fc.assert(
      fc.property(
        facts,
        fc.uniqueArray(event, { maxLength: 10, selector: (e) => e.eventId }),
        (f, events) => {
          const shuffled = [...events].reverse();
          expect(deriveCase(f, shuffled)).toEqual(deriveCase(f, events));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
