"use client";
import { useEffect, useState } from "react";

import { call } from "@/app/_trpc/call";
import { ConsentBox } from "@/app/(citizen)/_components/consent-box";
import { newSubmissionId } from "@/app/(citizen)/_components/submission-id";
import {
  fill,
  type ScreenWords,
  type Words,
  WordsProvider,
} from "@/app/(citizen)/_components/words";
import { errorText } from "@/app/(citizen)/r/[token]/errors";
import {
  type Answer,
  emptyAnswer,
  IndicatorField,
  scoreOf,
} from "@/app/(citizen)/r/[token]/indicator-field";
import type { CatalogueIndicator } from "@/server/catalog/indicators.service";
import type { DeviceCase } from "@/server/device/screen.service";
import { isBad } from "@/server/ratings/vocabulary";

export interface ScreenCode {
  token: string;
  svg: string;
  expiresAt: number;
}
/** What the screen shows (its `data-state`): nothing waiting, the window's current case with its live code, or thanks. */
export type ScreenView =
  { phase: "idle" } | { phase: "case"; current: DeviceCase; code: ScreenCode } | { phase: "rated" };

/** how often the screen asks for the window's current case: the next applicant appears within this */
const POLL_MS = 2_500;
/** a new code is fetched this long before the shown one expires, so a scan never meets a dead code */
const REFRESH_BEFORE_MS = 60_000;
const THANKS_MS = 6_000;

/** What the screen should show once the server has been asked, or `undefined` to keep what it shows. */
async function nextView(view: ScreenView): Promise<ScreenView | undefined> {
  const shown =
    view.phase === "case"
      ? { serialNo: view.current.serialNo, stage: view.current.stage }
      : undefined;
  const screen = await call("device.screen", shown ? { shown } : {}, "GET");
  // a network blip: keep showing what is there; the next look tries again
  if (!screen.ok) return undefined;
  const { current, shownRated } = screen.data;
  if (shownRated) return { phase: "rated" };
  if (!current) return view.phase === "idle" ? undefined : { phase: "idle" };
  const same = shown?.serialNo === current.serialNo && shown.stage === current.stage;
  if (same && view.phase === "case" && view.code.expiresAt - Date.now() > REFRESH_BEFORE_MS)
    return undefined;
  // the case appears together with its code, never with an empty square where the code goes
  const code = await call("device.windowCode", { serialNo: current.serialNo });
  return code.ok ? { phase: "case", current, code: code.data } : undefined;
}

/**
 * The window evaluator (SPEC §7): the window's current case, its live dynamic code, and five big
 * buttons. After a rating — here or on a phone — it says thanks, never which level was chosen
 * (the staff member faces the screen too), and goes back to idle.
 */
export function WindowScreen(props: {
  words: Words;
  screen: ScreenWords;
  title: string;
  windowName: string;
  initial: ScreenView;
  indicators: Record<"receipt" | "completion", CatalogueIndicator>;
}) {
  const [view, setView] = useState(props.initial);
  const w = props.screen;

  // asks the server every few seconds what to show; a new view starts the asking again (after thanks: once they have been read)
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = (delay: number) => {
      timer = setTimeout(() => {
        void nextView(view).then((next) => {
          if (stopped) return;
          if (next) setView(next);
          else look(POLL_MS);
        });
      }, delay);
    };
    look(view.phase === "rated" ? THANKS_MS : POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [view]);

  return (
    <WordsProvider words={props.words}>
      <main data-state={view.phase} className="flex min-h-dvh flex-col bg-stone-50 px-10 pt-6 pb-2">
        <header className="flex items-end justify-between border-b-4 border-brand pb-3">
          <h1 className="text-3xl font-bold text-brand-dark">{props.title}</h1>
          <p className="text-2xl text-stone-700">{props.windowName}</p>
        </header>
        {view.phase === "case" ? (
          <CaseRating
            // a new case (or stage) starts with nothing chosen and a submission of its own
            key={`${view.current.serialNo}|${view.current.stage}`}
            current={view.current}
            code={view.code}
            indicator={props.indicators[view.current.stage]}
            words={props.words}
            screen={w}
            onRated={() => setView({ phase: "rated" })}
          />
        ) : (
          <section
            className="flex flex-1 flex-col items-center justify-center text-center"
            role="status"
          >
            <p
              className={
                view.phase === "rated"
                  ? "text-6xl font-bold text-emerald-800"
                  : "text-5xl font-bold"
              }
            >
              {view.phase === "rated" ? w.thanks : w.welcome}
            </p>
            <p className="mt-6 text-3xl text-stone-700">
              {view.phase === "rated" ? w.thanksHint : w.welcomeHint}
            </p>
          </section>
        )}
      </main>
    </WordsProvider>
  );
}

/** The current case (article 14: item, serial number, 工号 and name), its five buttons and its code. */
function CaseRating({
  current,
  code,
  indicator,
  words,
  screen: w,
  onRated,
}: {
  current: DeviceCase;
  code: ScreenCode;
  indicator: CatalogueIndicator;
  words: Words;
  screen: ScreenWords;
  onRated: () => void;
}) {
  const [answer, setAnswer] = useState<Answer>(emptyAnswer);
  const [submissionId] = useState(newSubmissionId);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [consent, setConsent] = useState(false);
  const bad = answer.level !== null && isBad(answer.level);

  async function submit() {
    setBusy(true);
    setMessage(null);
    const sent = await call("ratings.submit", {
      token: code.token,
      submissionId,
      stage: current.stage,
      scores: scoreOf(indicator.code, answer),
      ...(bad && consent ? { contactConsent: true } : {}),
    });
    if (sent.ok) return onRated();
    setMessage(errorText(sent.refusal, words));
    setBusy(false);
  }

  return (
    <div className="mt-5 grid flex-1 grid-cols-[1fr_auto] gap-8">
      <div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-3 text-2xl">
          <dt className="text-stone-600">{w.item}</dt>
          <dd className="font-bold">{current.itemName}</dd>
          <dt className="text-stone-600">{w.serial}</dt>
          <dd className="font-mono break-all">
            {current.serialNo}
            {current.count > 1 ? fill(w.more, { count: String(current.count) }) : ""}
          </dd>
          {current.staffNo && (
            <>
              <dt className="text-stone-600">{w.staff}</dt>
              <dd>{fill(w.staffValue, { name: current.staffName ?? "", no: current.staffNo })}</dd>
            </>
          )}
        </dl>
        <form
          className="mt-2"
          aria-label={words.form}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {/* once a level is chosen, its reasons need the room (the screen never scrolls) */}
          {!answer.level && <p className="mt-6 text-2xl text-stone-700">{w.chooseHere}</p>}
          <IndicatorField indicator={indicator} answer={answer} onChange={setAnswer} wide />
          {bad && <ConsentBox checked={consent} onChange={setConsent} large />}
          {message && (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-xl text-red-800">
              {message}
            </p>
          )}
          {answer.level && (
            <button
              type="submit"
              disabled={busy}
              className="mt-4 min-h-16 w-full rounded-xl bg-brand px-4 text-2xl font-bold text-white disabled:opacity-60"
            >
              {words.submit}
            </button>
          )}
        </form>
      </div>
      <figure className="flex w-72 flex-col items-center self-start rounded-2xl bg-white p-4 shadow ring-1 ring-stone-200">
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`}
          alt={w.scan}
          className="size-64"
        />
        <figcaption className="mt-2 text-center text-2xl font-semibold">{w.scan}</figcaption>
        <p className="text-center text-lg text-stone-700">{w.scanHint}</p>
      </figure>
    </div>
  );
}
