import "server-only";
import { getMessages } from "next-intl/server";
import type { Words } from "./words";

/** The client islands' words for this request's language. */
export async function clientWords(): Promise<Words> {
  return ((await getMessages()) as { client: Words }).client;
}
