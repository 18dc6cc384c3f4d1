"use client";
import { useEffect, useState } from "react";

import type { Called } from "@/app/_trpc/call";

type State = "sent" | "waiting" | "failed";

/** How long a citizen waits for a code before the page says it has not gone out (SPEC §6). */
export const CODE_LATE_MS = 30_000;
const POLL_MS = 3_000;

/**
 * After 获取验证码: asks every few seconds whether the code's SMS has left, and answers "late"
 * when it has not within 30 s, "failed" as soon as the provider refused it, instead of leaving
 * the citizen waiting in silence. `ticket` null: nothing sent yet.
 */
export function useCodeDelivery(
  ticket: string | null,
  check: (ticket: string) => Promise<Called<{ state: State }>>,
): "none" | "late" | "failed" {
  const [trouble, setTrouble] = useState<"none" | "late" | "failed">("none");
  useEffect(() => {
    setTrouble("none");
    if (!ticket) return;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      const answer = await check(ticket);
      if (stopped) return;
      const state = answer.ok ? answer.data.state : "waiting";
      if (state === "sent") return;
      if (state === "failed") return setTrouble("failed");
      if (Date.now() - started >= CODE_LATE_MS) return setTrouble("late");
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), 1_000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `check` is a fresh closure each render; the ticket alone starts a watch
  }, [ticket]);
  return trouble;
}
