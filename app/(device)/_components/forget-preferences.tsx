"use client";
import { useEffect } from "react";
import { TEXT_SIZE_COOKIE } from "@/app/(citizen)/_components/text-size";
import { LOCALE_COOKIE } from "@/i18n/locale";

/**
 * A kiosk is shared: once an applicant has rated, the language and type size they chose are
 * forgotten, so the next person starts from the kiosk's default (the next refresh renders it).
 */
export function ForgetPreferences() {
  useEffect(() => {
    for (const name of [LOCALE_COOKIE, TEXT_SIZE_COOKIE]) document.cookie = `${name}=; Path=/; Max-Age=0; SameSite=Lax`;
  }, []);
  return null;
}
