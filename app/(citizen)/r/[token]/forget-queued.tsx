"use client";
import { useEffect } from "react";

import { forget } from "./offline-queue";

/**
 * Every stage of this code is rated, so nothing waiting on the phone for it can still be stored:
 * a queued rating whose answer was lost on the way (the server has it) would otherwise wait for days.
 */
export function ForgetQueued({ token }: { token: string }) {
  useEffect(() => {
    forget(token).catch(() => undefined);
  }, [token]);
  return null;
}
