import "server-only";

import { getMessages } from "next-intl/server";

import type { ScreenWords, Words } from "./words";

type IslandWords = { client: Words; screen: ScreenWords };

/** A client island's words for this request's language: the rating form's (`client`), or the window screen's own (`screen`). */
export async function islandWords<K extends keyof IslandWords>(part: K): Promise<IslandWords[K]> {
  return ((await getMessages()) as unknown as IslandWords)[part];
}
