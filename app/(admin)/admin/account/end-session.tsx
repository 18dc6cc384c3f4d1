"use client";
import { useRouter } from "next/navigation";

import { call } from "@/app/_trpc/call";
import { useCall } from "@/app/_trpc/use-call";

/** 结束 one of my sessions: another browser is signed out at its next request; this one goes to the sign-in. */
export function EndSession({
  id,
  current,
  label,
}: {
  id: string;
  current: boolean;
  label: string;
}) {
  const router = useRouter();
  const { busy, refusal: message, run } = useCall();
  return (
    <>
      <button
        type="button"
        aria-label={label}
        disabled={busy}
        className="min-h-12 rounded-xl border-2 border-stone-700 px-4 text-base font-semibold disabled:opacity-60"
        onClick={() =>
          void run(call("account.endSession", { id })).then((r) => {
            if (!r) return;
            if (current) window.location.reload();
            else router.refresh();
          })
        }
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
