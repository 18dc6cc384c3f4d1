"use client";
import type { Locale } from "@/server/catalog/locale";

import { rememberPreference } from "./preferences";

const NAMES: [Locale, string, string][] = [
  ["zh-CN", "简体", "zh-CN"],
  ["zh-TW", "繁體", "zh-Hant-HK"],
  ["en", "EN", "en"],
];

/** 简体 / 繁體 / EN, each named in its own language; the choice is remembered and the page re-rendered in it. */
export function LanguageSwitch({ current, label }: { current: Locale; label: string }) {
  return (
    <div
      role="group"
      aria-label={label}
      className="flex shrink-0 overflow-hidden rounded-xl border-2 border-stone-700"
    >
      {NAMES.map(([locale, name, lang]) => (
        <button
          key={locale}
          type="button"
          lang={lang}
          aria-pressed={current === locale}
          className="min-h-12 min-w-12 bg-white px-2 text-base font-bold text-stone-900 aria-pressed:bg-stone-900 aria-pressed:text-white"
          onClick={() => {
            rememberPreference("language", locale);
            window.location.reload();
          }}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
