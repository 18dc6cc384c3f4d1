"use client";
import { useState } from "react";
import { TEXT_SIZE_COOKIE } from "./text-size";

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
        document.cookie = `${TEXT_SIZE_COOKIE}=${next ? "large" : "normal"}; Path=/; Max-Age=31536000; SameSite=Lax`;
      }}
    >
      {label}
    </button>
  );
}
