"use client";
import { useState } from "react";

import { call } from "@/app/_trpc/call";
import { FIX_LEVELS, type FixLevel } from "@/server/ratings/vocabulary";

import type { Words } from "../_components/words";
import { errorText } from "../r/[token]/errors";
import type { MeWords } from "./me-sign-in";

/** 评价整改结果 (SPEC §9): once, after the order is closed; 不满意 reopens it. */
export function FixForm({
  workOrderId,
  words,
  client,
}: {
  workOrderId: string;
  words: MeWords;
  client: Words;
}) {
  const [level, setLevel] = useState<FixLevel | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit() {
    if (!level) return setMessage(words.fixChoose);
    setBusy(true);
    setMessage(null);
    const done = await call("me.rateFix", { workOrderId, level });
    setBusy(false);
    if (done.ok) window.location.reload();
    else setMessage(done.status === 401 ? words.signInAgain : errorText(done.refusal, client));
  }

  return (
    <form
      className="mt-3 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-300"
      aria-label={words.fixTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend className="text-lg font-bold">{words.fixTitle}</legend>
        <p className="mt-1 text-base">{words.fixIntro}</p>
        <div className="mt-2 grid gap-2">
          {FIX_LEVELS.map((l) => (
            <label
              key={l}
              className="flex min-h-12 items-center gap-3 rounded-lg bg-white px-3 text-lg ring-1 ring-stone-300"
            >
              <input
                type="radio"
                name={`fix-${workOrderId}`}
                value={l}
                className="h-6 w-6"
                checked={level === l}
                onChange={() => setLevel(l)}
              />
              {words[`fix_${l}`]}
            </label>
          ))}
        </div>
      </fieldset>
      {message && (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="mt-3 min-h-14 w-full rounded-xl bg-stone-800 px-4 text-lg font-bold text-white disabled:opacity-60"
      >
        {words.fixSubmit}
      </button>
    </form>
  );
}
