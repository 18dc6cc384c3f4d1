/** Time is injected so rating windows and deadlines are tested by moving a clock, not by sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock for tests: starts where it is told and moves only when told. */
export function fixedClock(
  start: number | string,
): Clock & { set(t: number | string): void; advance(ms: number): void } {
  let t = typeof start === "string" ? Date.parse(start) : start;
  return {
    now: () => t,
    set: (v) => {
      t = typeof v === "string" ? Date.parse(v) : v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
