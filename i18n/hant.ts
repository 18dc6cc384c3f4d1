import { toHant } from "@/db/seed/catalogue-i18n";

type Tree = { [key: string]: string | Tree };

/** 繁體中文 page words: the 简体 words through the same conversion as the catalogue, kept in messages/zh-TW.json. */
export function hantMessages(tree: Tree): Tree {
  return Object.fromEntries(
    Object.entries(tree).map(([k, v]) => [k, typeof v === "string" ? toHant(v) : hantMessages(v)]),
  );
}
