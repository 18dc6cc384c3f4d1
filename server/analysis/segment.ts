import "server-only";

import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

let jieba: Jieba | null = null;

/** Chinese word segmentation (jieba, its default dictionary, HMM on for words it lacks); loaded once, on first use. */
export function cut(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, true);
}
