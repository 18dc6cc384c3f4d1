import { TRPCClientError } from "@trpc/client";
import type { Words } from "../../_components/words";

type Known = "needs_reason" | "other_needs_text" | "required";
const KNOWN: readonly string[] = ["needs_reason", "other_needs_text", "required"] satisfies Known[];

/**
 * What went wrong, in the reader's words: the server's refusals it knows (article 11, wrong
 * person, closed, too many tries) are said in the page's language; any other refusal keeps the
 * server's own sentence, which is written for people; a network failure gets plain words.
 */
export function errorText(e: unknown, words?: Words): string {
  if (!(e instanceof TRPCClientError) || !e.message || e.message.startsWith("Failed to fetch")) return words?.network ?? "网络不稳定，请稍后再试";
  // the staff pages are in 简体 only: the server's sentence as it is
  if (!words) return e.message;
  const data = (e.data ?? {}) as { domainCode?: string; code?: string; details?: { problems?: { problem: string }[]; reason?: string } };
  const problem = data.details?.problems?.[0]?.problem;
  if (problem && KNOWN.includes(problem)) return words[problem as Known];
  if (data.details?.reason === "wrong_person") return words.wrong_person;
  if (data.domainCode === "gone") return words.gone;
  if (data.code === "TOO_MANY_REQUESTS") return words.too_many;
  return e.message;
}

/** No answer from the server at all (no network, or it could not be reached): the rating can wait on the phone. */
export function isNetworkFailure(e: unknown): boolean {
  if (!(e instanceof TRPCClientError) || e.data) return false;
  return e.cause instanceof TypeError || !navigator.onLine;
}
