import { createStore, del, entries, set, type UseStore } from "idb-keyval";

import { call, type Called, type Refusal } from "@/app/_trpc/call";
import type { TSubmitRating } from "@/server/ratings/ratings.schema";

/**
 * The offline queue (SPEC §8): a rating that could not be sent waits on the phone, in IndexedDB,
 * under the submissionId the phone made for it, until the server has it. Resending is safe: the
 * server answers a submissionId it already stored with the first answer. Used by the rating form
 * and by the service worker (Background Sync), so nothing here may touch React or the DOM.
 */
export interface QueuedRating {
  token: string;
  input: TSubmitRating;
  queuedAt: number;
}

/** The Background Sync tag under which the worker sends the queue when the network returns. */
export const SYNC_TAG = "hcp-ratings";

/**
 * What the worker posts to its pages once the server has answered a queued rating it sent: an
 * open page may never hear `online` (a page reloaded without network can read navigator.onLine
 * true throughout, a phone can lose the server without losing its signal), so it tries at once.
 */
export const SERVER_ANSWERED = "hcp-ratings-answered";

/**
 * A rating window is 7 days (article 17; server/cases/cases.rules.ts ratingWindowCloses): a rating
 * older than that can no longer be stored.
 */
const MAX_AGE_MS = 8 * 86_400_000;

let db: UseStore | undefined;
// opened on first use: the module is also loaded while the page renders on the server
const store = () => (db ??= createStore("hcp-offline", "ratings"));

export function enqueue(token: string, input: TSubmitRating): Promise<void> {
  return set(
    input.submissionId,
    { token, input, queuedAt: Date.now() } satisfies QueuedRating,
    store(),
  );
}

/** What waits, oldest first; for one code's page, or all of it (the worker). Stale entries are dropped. */
export async function queued(token?: string): Promise<QueuedRating[]> {
  const all = (await entries<string, QueuedRating>(store())).map(([, q]) => q);
  const stale = all.filter((q) => Date.now() - q.queuedAt > MAX_AGE_MS);
  await Promise.all(stale.map((q) => remove(q)));
  return all
    .filter((q) => !stale.includes(q) && (token === undefined || q.token === token))
    .sort((a, b) => a.queuedAt - b.queuedAt);
}

export function remove(q: QueuedRating): Promise<void> {
  return del(q.input.submissionId, store());
}

/** Drops whatever waits for one code (its page says every stage is rated: nothing of it can still be stored). */
export async function forget(token: string): Promise<void> {
  await Promise.all((await queued(token)).map(remove));
}

/**
 * What became of one try: `sent` (stored now or before), `retry` (no network, or the server could
 * not answer), `unauthenticated` (the 30-minute real-name session ended: prove again, then resend),
 * or `refused` with what the server said (the rating can never be stored as it is; the page says it in its reader's words).
 */
export type SendOutcome =
  | { kind: "sent" }
  | { kind: "retry" }
  | { kind: "unauthenticated" }
  | { kind: "refused"; refusal: Refusal | null };

/** What an answer to a rating means, on the first submit as on every resend. */
export function outcomeOf(sent: Called<unknown>): SendOutcome {
  if (sent.ok) return { kind: "sent" };
  if (sent.status === 401) return { kind: "unauthenticated" };
  if (sent.status === 0 || sent.status >= 500 || sent.status === 408 || sent.status === 429)
    return { kind: "retry" };
  return { kind: "refused", refusal: sent.refusal };
}

/** One try to hand a queued rating to the server. */
export async function send(q: QueuedRating): Promise<SendOutcome> {
  return outcomeOf(await call("ratings.submit", q.input));
}
