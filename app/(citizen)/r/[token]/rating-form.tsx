"use client";
import { useState } from "react";

import { call } from "@/app/_trpc/call";
import type { CatalogueIndicator } from "@/server/catalog/indicators.service";
import { isBad } from "@/server/ratings/vocabulary";

import { ConsentBox } from "../../_components/consent-box";
import { keepThisPage } from "../../_components/service-worker";
import { newSubmissionId } from "../../_components/submission-id";
import { useWords } from "../../_components/words";
import { errorText } from "./errors";
import { type Answer, emptyAnswer, IndicatorField, scoreOf } from "./indicator-field";
import { outcomeOf } from "./offline-queue";
import { ProofStep } from "./proof-step";
import { QueuedNotice, useOfflineQueue } from "./queued-rating";

export interface RatingFormProps {
  token: string;
  stage: "receipt" | "completion";
  indicators: CatalogueIndicator[];
  needsProof: boolean;
  maskedPhone: string | null;
  dynamic: boolean;
  /** 一件事: the related items, each of which may get its own business ratings */
  themeItems: { serialNo: string; itemName: string }[] | null;
}

/** A rating is stored: the reloaded page shows it, at the top (the browser must not restore the old scroll). */
function finish() {
  window.history.scrollRestoration = "manual";
  window.scrollTo(0, 0);
  window.location.reload();
}

/** The client island: real-name step, then the form; the overall first, the rest expandable. */
export function RatingForm(props: RatingFormProps) {
  const words = useWords();
  const [proven, setProven] = useState(!props.needsProof);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  // one id per form: a double tap or a resend is the same submission (SPEC §3)
  const [submissionId] = useState(newSubmissionId);
  // SPEC §8: a rating that finds no network waits on the phone and is sent when it returns
  const queue = useOfflineQueue(props.token, {
    onSent: finish,
    onRefused: (refusal) => setMessage(errorText(refusal, words)),
  });

  const proof = (onProven: () => void) => (
    <ProofStep
      token={props.token}
      maskedPhone={props.maskedPhone}
      dynamic={props.dynamic}
      onProven={onProven}
    />
  );
  if (queue.state !== "idle")
    return (
      <QueuedNotice reprove={queue.state === "reprove"}>
        {queue.state === "reprove" && proof(queue.proven)}
      </QueuedNotice>
    );
  if (!proven)
    return proof(() => {
      setProven(true);
      // a reload without network then shows the form, not the real-name step
      keepThisPage();
    });

  // answers are keyed by indicator code, or by `serialNo|code` for an item of a theme
  const field = (ind: CatalogueIndicator, large?: boolean, serialNo?: string) => {
    const key = serialNo ? `${serialNo}|${ind.code}` : ind.code;
    return (
      <IndicatorField
        key={key}
        name={key}
        indicator={ind}
        large={large}
        answer={answers[key] ?? emptyAnswer}
        onChange={(a) => setAnswers((all) => ({ ...all, [key]: a }))}
      />
    );
  };
  const overall = props.indicators.find((i) => i.grp === "overall");
  const business = props.indicators.filter((i) => i.grp === "business");
  const service = props.indicators.filter((i) => i.grp === "service");
  const dimensions = [...new Set(business.map((i) => i.dimension ?? ""))];
  const anyBad = Object.values(answers).some((a) => a.level !== null && isBad(a.level));

  async function submit() {
    setBusy(true);
    setMessage(null);
    const scoresOf = (prefix: string) =>
      Object.entries(answers).flatMap(([key, a]) =>
        (prefix ? key.startsWith(prefix) : !key.includes("|"))
          ? scoreOf(key.slice(prefix.length), a)
          : [],
      );
    const items = (props.themeItems ?? [])
      .map((i) => ({ serialNo: i.serialNo, scores: scoresOf(`${i.serialNo}|`) }))
      .filter((i) => i.scores.length > 0);
    const input = {
      token: props.token,
      submissionId,
      stage: props.stage,
      scores: scoresOf(""),
      ...(items.length ? { items } : {}),
      ...(anyBad && consent ? { contactConsent: true } : {}),
    };
    const outcome = outcomeOf(await call("ratings.submit", input));
    if (outcome.kind === "sent") return finish();
    if (outcome.kind === "refused") setMessage(errorText(outcome.refusal, words));
    // not taken yet (no network, a busy server, the session ended): the rating waits on the phone, as a queued one does
    else if (!(await queue.add(input, outcome.kind))) setMessage(errorText(null, words));
    setBusy(false);
  }

  return (
    <form
      className="mt-4"
      aria-label={words.form}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {props.stage === "receipt" ? (
        service.map((i) => field(i, true))
      ) : (
        <>
          {overall && field(overall, true)}
          {props.themeItems && business.length > 0 && (
            <details className="mt-6 rounded-xl bg-white p-4 ring-1 ring-stone-200">
              <summary className="min-h-12 cursor-pointer py-2 text-lg font-semibold">
                {words.themeItems}
              </summary>
              {props.themeItems.map((item) => (
                <section
                  key={item.serialNo}
                  aria-label={item.itemName}
                  className="mt-5 border-t-2 border-stone-200 pt-3"
                >
                  <h3 className="text-lg font-bold">{item.itemName}</h3>
                  {business.map((i) => field(i, false, item.serialNo))}
                </section>
              ))}
            </details>
          )}
          {!props.themeItems && business.length > 0 && (
            <details className="mt-6 rounded-xl bg-white p-4 ring-1 ring-stone-200">
              <summary className="min-h-12 cursor-pointer py-2 text-lg font-semibold">
                {words.business}
              </summary>
              {dimensions.map((d) => (
                <div key={d} className="mt-4">
                  <h3 className="text-lg font-bold text-stone-700">{d}</h3>
                  {business.filter((i) => (i.dimension ?? "") === d).map((i) => field(i))}
                </div>
              ))}
            </details>
          )}
          {service.length > 0 && (
            <details className="mt-4 rounded-xl bg-white p-4 ring-1 ring-stone-200">
              <summary className="min-h-12 cursor-pointer py-2 text-lg font-semibold">
                {words.service}
              </summary>
              {service.map((i) => field(i))}
            </details>
          )}
        </>
      )}
      {anyBad && <ConsentBox checked={consent} onChange={setConsent} />}
      {message && (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-base text-red-800">
          {message}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="mt-6 min-h-14 w-full rounded-xl bg-brand px-4 text-xl font-bold text-white disabled:opacity-60"
      >
        {words.submit}
      </button>
    </form>
  );
}
