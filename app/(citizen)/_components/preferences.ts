import { LOCALE_COOKIE } from "@/i18n/locale";

import { TEXT_SIZE_COOKIE } from "./text-size";

/** The reader's choices the server reads to render the first paint right: language and type size. */
const PREFERENCES = { language: LOCALE_COOKIE, textSize: TEXT_SIZE_COOKIE } as const;

/** Remembers one choice for a year, or forgets it (null); one cookie form, so forgetting always matches. */
export function rememberPreference(which: keyof typeof PREFERENCES, value: string | null): void {
  document.cookie = `${PREFERENCES[which]}=${value ?? ""}; Path=/; Max-Age=${value === null ? 0 : 31536000}; SameSite=Lax`;
}

/** A shared kiosk forgets the last reader's choices. */
export function forgetPreferences(): void {
  for (const which of Object.keys(PREFERENCES) as (keyof typeof PREFERENCES)[])
    rememberPreference(which, null);
}
