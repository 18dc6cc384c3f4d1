import type { SmsMessage } from "./templates";

/**
 * What a provider answered for one message (SPEC §6): `refused` is the message's fault (a bad
 * number, a template not approved) and no provider or retry will help; `failed` is the
 * provider's (timeout, 5xx, throttling, its balance) and the next provider may send it.
 * `code` is the provider's own word for it, never the phone or the text.
 */
export type SmsOutcome =
  | { result: "accepted"; code: string | null }
  | { result: "refused"; code: string }
  | { result: "failed"; code: string };

/** One message as a provider is given it: the outbox row's id stays the same across retries. */
export type OutgoingSms = SmsMessage & { id: string; text: string };

/** A provider's words are kept, but never a number that could be a phone (an error may echo the request). */
export const withoutNumbers = (s: string) => s.replace(/\+?\d{7,}/g, "…").slice(0, 200);

/** The code kept for a thrown error: its code or name and its message, without numbers. */
export function failureCode(e: unknown): string {
  if (e instanceof Error) {
    const named = (e as { code?: unknown }).code;
    const what = typeof named === "string" && named ? named : e.name;
    return withoutNumbers(`${what}: ${e.message}`);
  }
  return withoutNumbers(String(e));
}
