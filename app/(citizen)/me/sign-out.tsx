"use client";
import { call } from "@/app/_trpc/call";

/** Ends the /me session (a shared phone in a hall). */
export function SignOut({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="min-h-12 rounded-lg border-2 border-stone-700 bg-white px-4 text-base font-semibold"
      onClick={() => void call("me.signOut", undefined).then(() => window.location.reload())}
    >
      {label}
    </button>
  );
}
