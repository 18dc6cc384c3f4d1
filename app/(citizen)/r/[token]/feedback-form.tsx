"use client";
import { useState } from "react";

import { call } from "@/app/_trpc/call";
import type zhCN from "@/messages/zh-CN.json";

import { fill, useWords } from "../../_components/words";
import { errorText } from "./errors";
import { ProofStep } from "./proof-step";

export type FeedbackWords = (typeof zhCN)["feedback"];

/**
 * 意见反馈 for a person turned away (SPEC §4): real name by SMS, then a text of up to 500
 * characters to 12345. Not a rating, and the page says so before anything is asked.
 */
export function FeedbackForm({
  token,
  needsProof,
  maskedPhone,
  sent,
  words,
}: {
  token: string;
  needsProof: boolean;
  maskedPhone: string | null;
  sent: boolean;
  words: FeedbackWords;
}) {
  const client = useWords();
  const [proven, setProven] = useState(!needsProof);
  const [done, setDone] = useState(sent);
  const [text, setText] = useState("");
  const [contact, setContact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  if (done)
    return (
      <p
        role="status"
        className="mt-4 rounded-xl bg-emerald-50 p-4 text-lg ring-1 ring-emerald-300"
      >
        {words.sent}
      </p>
    );
  if (!proven)
    return (
      <ProofStep
        token={token}
        maskedPhone={maskedPhone}
        dynamic={false}
        onProven={() => setProven(true)}
      />
    );

  async function submit() {
    if (!text.trim()) return setMessage(words.textNeeded);
    setBusy(true);
    setMessage(null);
    const answer = await call("feedback.submit", { token, text, contact });
    setBusy(false);
    if (answer.ok) setDone(true);
    else setMessage(errorText(answer.refusal, client));
  }

  return (
    <form
      className="mt-4"
      aria-label={words.title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="block text-lg font-medium">
        {words.text}
        <textarea
          className="mt-1 block min-h-32 w-full rounded-xl border-2 border-stone-400 bg-white p-3 text-lg"
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <p className="mt-1 text-right text-sm text-stone-600">
        {fill("{n}/500", { n: String(text.length) })}
      </p>
      <label className="mt-3 flex min-h-12 items-center gap-3 text-base">
        <input
          type="checkbox"
          className="h-6 w-6 shrink-0"
          checked={contact}
          onChange={(e) => setContact(e.target.checked)}
        />
        {words.contact}
      </label>
      {message && (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="mt-5 min-h-14 w-full rounded-xl bg-stone-800 px-4 text-xl font-bold text-white disabled:opacity-60"
      >
        {words.submit}
      </button>
    </form>
  );
}
