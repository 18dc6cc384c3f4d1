import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * A batch's 500 events are tens of milliseconds of synchronous work on the main thread (checks,
 * hashes, seals), and while it runs no message is read: the insert worker's answers wait, and so
 * does its next transaction (db/off-thread.ts). bench:bulk kept 1.55 of the 2 cores busy that
 * way, 1.7 with long loops handing the event loop a turn every SLICE items.
 */
const SLICE = 64;

/** `items.map(fn)`, with a turn of the event loop every SLICE items. */
export async function mapInSlices<T, U>(items: T[], fn: (item: T, at: number) => U): Promise<U[]> {
  const out: U[] = [];
  for (let at = 0; at < items.length; at++) {
    if (at > 0 && at % SLICE === 0) await nextTurn();
    out.push(fn(items[at]!, at));
  }
  return out;
}
