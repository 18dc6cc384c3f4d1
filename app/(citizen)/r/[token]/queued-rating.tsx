"use client";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";

import type { Refusal } from "@/app/_trpc/call";
import type { TSubmitRating } from "@/server/ratings/ratings.schema";

import { useWords } from "../../_components/words";
import { enqueue, queued, remove, send, SERVER_ANSWERED, SYNC_TAG } from "./offline-queue";

/** How often a queued rating is tried again while the page is open (besides each `online` event and each word from the worker). */
const RETRY_MS = 30_000;

/** `idle`: nothing waits; `queued`: a rating waits for the network; `reprove`: it waits for real name again. */
export type QueueState = "idle" | "queued" | "reprove";

/**
 * The rating form's side of the offline queue: a rating that found no network waits on the phone
 * and is sent on load, on `online`, when the worker says the server answered (its Background Sync
 * sent it: the page may never hear `online`), every 30 s, and after real name is proven again.
 * `onSent` runs once the server has it (the page then shows what a submit shows); `onRefused` gets
 * what the server said when it never can (the window closed meanwhile, say) — that rating leaves the queue.
 */
export function useOfflineQueue(
  token: string,
  { onSent, onRefused }: { onSent: () => void; onRefused: (refusal: Refusal | null) => void },
) {
  const [state, setState] = useState<QueueState>("idle");
  const sending = useRef(false);
  const again = useRef(false);
  const callbacks = useRef({ onSent, onRefused });
  callbacks.current = { onSent, onRefused };

  /** One pass over what waits for this code; false when it must wait for the network again. */
  const sendWaiting = useCallback(async (): Promise<boolean> => {
    // an empty queue here means the worker sent it already (Background Sync)
    for (const q of await queued(token)) {
      const outcome = await send(q);
      if (outcome.kind === "retry") {
        setState("queued");
        return false;
      }
      if (outcome.kind === "unauthenticated") {
        setState("reprove");
        return true;
      }
      await remove(q);
      if (outcome.kind === "refused") {
        setState("idle");
        callbacks.current.onRefused(outcome.refusal);
        return true;
      }
    }
    callbacks.current.onSent();
    return true;
  }, [token]);

  const flush = useCallback(async () => {
    if (!navigator.onLine) return;
    // asked again while a pass runs (the worker's news, say): one more pass after it, which may find the network that one missed
    if (sending.current) {
      again.current = true;
      return;
    }
    sending.current = true;
    try {
      let done;
      do {
        again.current = false;
        done = await sendWaiting();
      } while (!done && again.current);
    } finally {
      sending.current = false;
    }
  }, [sendWaiting]);

  // a rating queued before the page was closed, or reloaded without network
  useEffect(() => {
    queued(token)
      .then((waiting) => {
        if (waiting.length === 0) return;
        setState("queued");
        return flush();
      })
      .catch(() => undefined);
  }, [token, flush]);

  useEffect(() => {
    if (state !== "queued") return;
    const retry = () => void flush().catch(() => undefined);
    const fromWorker = (event: MessageEvent<unknown>) => {
      if ((event.data as { type?: unknown } | null)?.type === SERVER_ANSWERED) retry();
    };
    window.addEventListener("online", retry);
    navigator.serviceWorker?.addEventListener("message", fromWorker);
    navigator.serviceWorker?.startMessages();
    const timer = setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener("online", retry);
      navigator.serviceWorker?.removeEventListener("message", fromWorker);
      clearInterval(timer);
    };
  }, [state, flush]);

  return {
    state,
    /**
     * Keeps a rating the server could not take yet: no network (or no answer), or the real-name
     * session ended while the form was filled (then it waits for real name). False if the phone
     * cannot store it (then say so as before).
     */
    add: async (
      input: TSubmitRating,
      why: "retry" | "unauthenticated" = "retry",
    ): Promise<boolean> => {
      try {
        await enqueue(token, input);
      } catch {
        return false;
      }
      setState(why === "unauthenticated" ? "reprove" : "queued");
      // with the page closed, the worker sends it when the network returns (where Background Sync exists)
      void navigator.serviceWorker?.ready
        .then((reg) => reg.sync?.register(SYNC_TAG))
        .catch(() => undefined);
      return true;
    },
    /** Real name proven again: send what waits. */
    proven: () => {
      setState("queued");
      void flush().catch(() => undefined);
    },
  };
}

/**
 * What the page shows while a rating waits on the phone; it marks the page's `<main>` as
 * `data-state="queued"` (SPEC §7) for as long as it is shown.
 */
export function QueuedNotice({ reprove, children }: { reprove: boolean; children?: ReactNode }) {
  const words = useWords();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const main = ref.current?.closest("main");
    if (!main) return;
    const before = main.dataset.state;
    main.dataset.state = "queued";
    return () => {
      if (before) main.dataset.state = before;
    };
  }, []);
  return (
    <div ref={ref} className="mt-4">
      <div role="status" className="rounded-xl bg-sky-50 p-4 ring-1 ring-sky-300">
        <p className="text-xl font-bold text-sky-950">
          {reprove ? words.queuedForProof : words.queued}
        </p>
        <p className="mt-2 text-base text-stone-800">
          {reprove ? words.queuedReprove : words.queuedHint}
        </p>
      </div>
      {children}
    </div>
  );
}
