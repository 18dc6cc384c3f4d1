"use client";
import { useEffect, useState } from "react";

import { useWords } from "./words";

/**
 * 适老化: reads a question and its choices aloud with the phone's own speech (no network, no
 * recording), in the page's language. Shown only where the browser can speak.
 */
export function ReadAloud({ subject, text }: { subject: string; text: string }) {
  const words = useWords();
  const [can, setCan] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => setCan(typeof window !== "undefined" && "speechSynthesis" in window), []);
  if (!can) return null;
  return (
    <button
      type="button"
      aria-pressed={speaking}
      aria-label={`${speaking ? words.stopReading : words.readAloud}：${subject}`}
      className="min-h-12 min-w-12 shrink-0 rounded-xl border-2 border-stone-600 bg-white px-3 text-base font-semibold text-stone-900"
      onClick={() => {
        const synth = window.speechSynthesis;
        synth.cancel();
        if (speaking) return setSpeaking(false);
        const u = new SpeechSynthesisUtterance(text);
        u.lang = document.documentElement.lang || "zh-CN";
        // slower than the default: the listeners are often elderly
        u.rate = 0.85;
        u.onend = u.onerror = () => setSpeaking(false);
        setSpeaking(true);
        synth.speak(u);
      }}
    >
      <svg
        viewBox="0 0 24 24"
        aria-hidden="true"
        className="mr-1 inline size-5 align-[-3px]"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M11 5 6 9H3v6h3l5 4z" />
        <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" />
      </svg>
      {speaking ? words.stopReading : words.readAloud}
    </button>
  );
}
