"use client";
import { useState } from "react";

import type { Called } from "./call";

/** What a form says when no answer came at all (status 0, no refusal). */
export const NO_ANSWER = "网络不稳定，请稍后再试";

/**
 * A form's one call at a time: `busy` while it runs (the button disabled), the server's refusal
 * sentence as `refusal`, the answer's data on success (undefined on a refusal).
 */
export function useCall() {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = async <T>(called: Promise<Called<T>>): Promise<{ data: T } | undefined> => {
    setBusy(true);
    setRefusal(null);
    const r = await called;
    setBusy(false);
    if (r.ok) return { data: r.data };
    setRefusal(r.refusal?.message ?? NO_ANSWER);
    return undefined;
  };
  return { busy, refusal, run };
}
