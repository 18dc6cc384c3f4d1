"use client";
import { useState } from "react";

import { rememberPreference } from "./preferences";

/**
 * 适老化: a large-type switch, remembered in a cookie so the server renders the next page large
 * at once. Every size is in rem, so the whole page grows with the root font size.
 */
export function TextSizeToggle({ initialLarge, label }: { initialLarge: boolean; label: string }) {
  const [large, setLarge] = useState(initialLarge);
  return (
    <button
      type="button"
      aria-pressed={large}
      className="min-h-12 min-w-12 shrink-0 rounded-xl border-2 border-stone-700 bg-white px-3 text-base font-bold text-stone-900 aria-pressed:bg-stone-900 aria-pressed:text-white"
      onClick={() => {
        const next = !large;
        setLarge(next);
        document.documentElement.classList.toggle("text-large", next);
        rememberPreference("textSize", next ? "large" : "normal");
      }}
    >
      {label}
    </button>
  );
}
