import { TRPCClientError } from "@trpc/client";

/** The server's message is written for people; a network failure gets plain words. */
export function errorText(e: unknown): string {
  if (e instanceof TRPCClientError && e.message && !e.message.startsWith("Failed to fetch")) return e.message;
  return "网络不稳定，请稍后再试";
}

/** No answer from the server at all (no network, or it could not be reached): the rating can wait on the phone. */
export function isNetworkFailure(e: unknown): boolean {
  if (!(e instanceof TRPCClientError) || e.data) return false;
  return e.cause instanceof TypeError || !navigator.onLine;
}
