"use client";
import { useState } from "react";

import { call } from "@/app/_trpc/call";
import { isBad, type Level, LEVELS } from "@/server/ratings/vocabulary";

import { ConsentBox } from "../_components/consent-box";
import { fill, type Words, WordsProvider } from "../_components/words";
import { errorText } from "../r/[token]/errors";
import type { MeWords } from "./me-sign-in";

/** 追加评价 (SPEC §3): a text of up to 500 characters and, if the rater wants, a level — once, beside the first rating. */
export function AppendForm({
  ratingId,
  words,
  client,
}: {
  ratingId: string;
  words: MeWords;
  client: Words;
}) {
  const [text, setText] = useState("");
  const [level, setLevel] = useState<Level | "">("");
  const [contact, setContact] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit() {
    if (!text.trim()) return setMessage(words.textNeeded);
    setBusy(true);
    setMessage(null);
    const bad = level !== "" && isBad(level);
    const done = await call("me.append", {
      ratingId,
      text,
      ...(level ? { level } : {}),
      contact: bad && contact,
    });
    setBusy(false);
    if (done.ok) window.location.reload();
    else setMessage(done.status === 401 ? words.signInAgain : errorText(done.refusal, client));
  }

  return (
    <details className="mt-3 rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200">
      <summary className="min-h-12 cursor-pointer py-2 text-lg font-semibold">
        {words.appendOpen}
      </summary>
      <form
        aria-label={words.appended}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="mt-2 block text-base font-medium">
          {words.appendText}
          <textarea
            className="mt-1 block min-h-28 w-full rounded-xl border-2 border-stone-400 bg-white p-3 text-lg"
            maxLength={500}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <p className="mt-1 text-right text-sm text-stone-600">
          {fill(words.count, { n: String(text.length) })}
        </p>
        <label className="mt-2 block text-base font-medium">
          {words.appendLevel}
          <select
            className="mt-1 block min-h-12 w-full rounded-xl border-2 border-stone-400 bg-white px-3 text-lg"
            value={level}
            onChange={(e) => setLevel(e.target.value as typeof level)}
          >
            <option value="">{words.noLevel}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {client.levels[l]}
              </option>
            ))}
          </select>
        </label>
        <p className="mt-2 text-sm text-stone-700">{words.appendBadHint}</p>
        {level !== "" && isBad(level) && (
          <WordsProvider words={client}>
            <ConsentBox checked={contact} onChange={setContact} />
          </WordsProvider>
        )}
        {message && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-base text-red-800">
            {message}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="mt-3 min-h-14 w-full rounded-xl bg-brand px-4 text-lg font-bold text-white disabled:opacity-60"
        >
          {words.appendSubmit}
        </button>
      </form>
    </details>
  );
}
