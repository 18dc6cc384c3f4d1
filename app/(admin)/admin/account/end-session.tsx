"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { call } from "@/app/_trpc/call";

/** 结束 one of my sessions: another browser is signed out at its next request; this one goes to the sign-in. */
export function EndSession({ id, current, label }: { id: string; current: boolean; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        aria-label={label}
        disabled={busy}
        className="min-h-12 rounded-xl border-2 border-stone-700 px-4 text-base font-semibold disabled:opacity-60"
        onClick={() => {
          setBusy(true);
          void call("account.endSession", { id }).then((r) => {
            setBusy(false);
            if (!r.ok) return setMessage(r.refusal?.message ?? "网络不稳定，请稍后再试");
            if (current) window.location.reload();
            else router.refresh();
          });
        }}
      >
        结束
      </button>
      {message && (
        <p role="alert" className="mt-2 text-base text-red-800">
          {message}
        </p>
      )}
    </>
  );
}
