"use client";
import { useState } from "react";

import { call, type Called } from "@/app/_trpc/call";

import { useCodeDelivery } from "../../_components/use-code-delivery";
import { fill, useWords } from "../../_components/words";
import { errorText } from "./errors";

/** SPEC §5 real name: a one-time code to the phone on file, or the window's single-use code. */
export function ProofStep({
  token,
  maskedPhone,
  dynamic,
  onProven,
}: {
  token: string;
  maskedPhone: string | null;
  dynamic: boolean;
  onProven: () => void;
}) {
  const words = useWords();
  const [ticket, setTicket] = useState<string | null>(null);
  const sent = ticket !== null;
  const trouble = useCodeDelivery(ticket, (t) =>
    call("identity.codeState", { token, ticket: t }, "GET"),
  );
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function run<T>(action: () => Promise<Called<T>>, after: (data: T) => void) {
    setBusy(true);
    setMessage(null);
    const done = await action();
    setBusy(false);
    if (done.ok) after(done.data);
    else setMessage(errorText(done.refusal, words));
  }

  return (
    <section
      aria-labelledby="proof-title"
      className="mt-5 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id="proof-title" className="text-xl font-bold">
        {words.proofTitle}
      </h2>
      <p className="mt-2 text-base text-stone-700">
        {maskedPhone ? fill(words.proofIntro, { phone: maskedPhone }) : words.proofIntroNoPhone}
      </p>
      {dynamic && (
        <button
          type="button"
          disabled={busy}
          className="mt-4 min-h-14 w-full rounded-xl bg-stone-800 px-4 text-lg font-semibold text-white disabled:opacity-60"
          onClick={() => void run(() => call("identity.windowCode", { token }), onProven)}
        >
          {words.windowProof}
        </button>
      )}
      <button
        type="button"
        disabled={busy}
        className="mt-4 min-h-14 w-full rounded-xl border-2 border-stone-800 bg-white px-4 text-lg font-semibold disabled:opacity-60"
        onClick={() =>
          void run(
            () => call("identity.sendCode", { token }),
            (data) => setTicket(data.ticket),
          )
        }
      >
        {words.sendCode}
      </button>
      {sent && trouble === "none" && (
        <p className="mt-2 text-base text-emerald-800">{words.codeSent}</p>
      )}
      {trouble !== "none" && (
        <p role="alert" className="mt-2 rounded-lg bg-amber-50 p-3 text-base text-amber-900">
          {trouble === "late" ? words.codeLate : words.codeFailed}
        </p>
      )}
      <label className="mt-4 block text-base font-medium">
        {words.code}
        <input
          className="mt-1 block min-h-14 w-full rounded-xl border-2 border-stone-400 bg-white px-4 text-2xl tracking-widest"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
        />
      </label>
      <button
        type="button"
        disabled={busy || code.length !== 6}
        className="mt-3 min-h-14 w-full rounded-xl bg-brand px-4 text-lg font-semibold text-white disabled:opacity-60"
        onClick={() => void run(() => call("identity.verifyCode", { token, code }), onProven)}
      >
        {words.verify}
      </button>
      {message && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
    </section>
  );
}
