"use client";
import { createContext, type ReactNode, useContext } from "react";

import type zhCN from "@/messages/zh-CN.json";

/** The page words a client island needs, in the reader's language, handed over by the server (no i18n runtime in the bundle). */
export type Words = (typeof zhCN)["client"];
/** The window screen's own words (beside the form's). */
export type ScreenWords = (typeof zhCN)["screen"];

const WordsContext = createContext<Words | null>(null);

export function WordsProvider({ words, children }: { words: Words; children: ReactNode }) {
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

export function useWords(): Words {
  const words = useContext(WordsContext);
  if (!words) throw new Error("useWords outside a WordsProvider");
  return words;
}

/** "…{phone}…" with the value put in: the few client words with a blank are this simple. */
export const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
