import type { Refusal } from "@/app/_trpc/call";

import type { Words } from "../../_components/words";

/** The refusals the page says in its own words, by what the server says they are about: article 11's problem, or the reason. */
const SAID: Record<
  string,
  | "needs_reason"
  | "other_needs_text"
  | "required"
  | "wrong_person"
  | "otp_wrong"
  | "used"
  | "otp_expired"
  | "otp_spent"
  | "otp_invalid"
> = {
  needs_reason: "needs_reason",
  other_needs_text: "other_needs_text",
  required: "required",
  wrong_person: "wrong_person",
  wrong: "otp_wrong",
  spent: "otp_spent",
  invalid_code: "otp_invalid",
  used: "used",
};

/**
 * What went wrong, in the reader's language: the refusals the page knows (article 11, wrong
 * person, a wrong code, a spent window code, closed, too many tries) in its own words; any other
 * keeps the server's sentence, which is written for people; no answer at all gets plain words.
 */
export function errorText(refusal: Refusal | null, words: Words): string {
  if (!refusal) return words.network;
  const details = refusal.data?.details;
  const said = SAID[details?.problems?.[0]?.problem ?? details?.reason ?? ""];
  if (said) return words[said];
  if (refusal.data?.domainCode === "gone") return words.gone;
  // an SMS code's expiry (a code that is invalid now); a QR code's is `gone`, said above
  if (details?.reason === "expired") return words.otp_expired;
  if (refusal.data?.code === "TOO_MANY_REQUESTS") return words.too_many;
  return refusal.message;
}
