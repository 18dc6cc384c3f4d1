"use client";
import { useEffect } from "react";

import { forgetPreferences } from "@/app/(citizen)/_components/preferences";

/**
 * A kiosk is shared: once an applicant has rated, the language and type size they chose are
 * forgotten, so the next person starts from the kiosk's default (the next refresh renders it).
 */
export function ForgetPreferences() {
  useEffect(() => {
    forgetPreferences();
  }, []);
  return null;
}
