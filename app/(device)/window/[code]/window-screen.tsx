"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { trpc } from "@/app/_trpc/client";
import { errorText } from "@/app/(citizen)/r/[token]/errors";
import { emptyAnswer, IndicatorField, type Answer } from "@/app/(citizen)/r/[token]/indicator-field";
import { newSubmissionId } from "@/app/(citizen)/r/[token]/rating-form";
import type { CatalogueIndicator } from "@/server/catalog/indicators.service";
import { fill, WordsProvider, type Words } from "@/app/(citizen)/_components/words";
import type { DeviceCase } from "@/server/device/screen.service";

export interface ScreenCode {
  token: string;
  svg: string;
  expiresAt: number;
}
type Phase = "idle" | "case" | "rated";
type Shown = { serialNo: string; stage: "receipt" | "completion" } | undefined;
const shownOf = (c: DeviceCase | null): Shown => (c ? { serialNo: c.serialNo, stage: c.stage } : undefined);
const same = (a: Shown, b: Shown) => a?.serialNo === b?.serialNo && a?.stage === b?.stage;

/** how often the screen asks for the window's current case: the next applicant appears within this */
const POLL_MS = 2_500;
/** a new code is fetched this long before the shown one expires, so a scan never meets a dead code */
const REFRESH_BEFORE_MS = 60_000;
const THANKS_MS = 6_000;

/**
 * The window evaluator (SPEC §7): the window's current case, its live dynamic code, and five big
 * buttons. After a rating — here or on a phone — it says thanks, never which level was chosen
 * (the staff member faces the screen too), and goes back to idle.
 */
export function WindowScreen(props: {
  words: Words;
  title: string;
  windowName: string;
  initialCase: DeviceCase | null;
  initialCode: ScreenCode | null;
  indicators: Record<"receipt" | "completion", CatalogueIndicator>;
}) {
  const [current, setCurrent] = useState(props.initialCase);
  const [code, setCode] = useState(props.initialCode);
  const [phase, setPhase] = useState<Phase>(props.initialCase ? "case" : "idle");
  const [answer, setAnswer] = useState<Answer>(emptyAnswer);
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the poller reads these between renders
  const live = useRef({
    shown: shownOf(props.initialCase),
    phase,
    thanksUntil: 0,
    expiresAt: props.initialCode?.expiresAt ?? 0,
  });
  live.current.phase = phase;

  const show = useCallback(async (next: DeviceCase | null) => {
    // the case appears together with its code, never with an empty square where the code goes
    const fresh = next ? await trpc.device.windowCode.mutate({ serialNo: next.serialNo }) : null;
    live.current.shown = shownOf(next);
    live.current.expiresAt = fresh?.expiresAt ?? 0;
    setCurrent(next);
    setCode(fresh);
    setPhase(next ? "case" : "idle");
    setAnswer(emptyAnswer);
    setMessage(null);
    setSubmissionId(newSubmissionId());
  }, []);

  async function refreshCode(serialNo: string) {
    const fresh = await trpc.device.windowCode.mutate({ serialNo });
    live.current.expiresAt = fresh.expiresAt;
    setCode(fresh);
  }

  const thank = useCallback(() => {
    live.current.thanksUntil = Date.now() + THANKS_MS;
    live.current.shown = undefined;
    setPhase("rated");
    setAnswer(emptyAnswer);
    setCode(null);
  }, []);

  useEffect(() => {
    let running = false;
    const id = setInterval(() => {
      if (running || Date.now() < live.current.thanksUntil) return;
      running = true;
      const { shown, phase: now } = live.current;
      trpc.device.screen
        .query(shown ? { shown } : {})
        .then(async ({ current: next, shownRated }) => {
          if (shownRated && now === "case") return thank();
          if (now === "rated" || !same(shownOf(next), shown)) return show(next);
          if (next && live.current.expiresAt - Date.now() < REFRESH_BEFORE_MS)
            await refreshCode(next.serialNo);
        })
        // a network blip: keep showing what is there; the next tick tries again
        .catch(() => undefined)
        .finally(() => (running = false));
    }, POLL_MS);
    return () => clearInterval(id);
  }, [show, thank]);

  const w = props.words.screen;

  async function submit() {
    if (!current || !code || !answer.level) return;
    setBusy(true);
    setMessage(null);
    const indicator = props.indicators[current.stage];
    try {
      await trpc.ratings.submit.mutate({
        token: code.token,
        submissionId,
        stage: current.stage,
        scores: [
          {
            indicatorCode: indicator.code,
            level: answer.level,
            tagCodes: answer.tagCodes,
            ...(answer.text.trim() ? { text: answer.text.trim() } : {}),
          },
        ],
      });
      thank();
    } catch (e) {
      setMessage(errorText(e, props.words));
    } finally {
      setBusy(false);
    }
  }

  return (
    <WordsProvider words={props.words}>
      <main data-state={phase} className="flex min-h-dvh flex-col bg-stone-50 px-10 py-6">
        <header className="flex items-end justify-between border-b-4 border-brand pb-3">
          <h1 className="text-3xl font-bold text-brand-dark">{props.title}</h1>
          <p className="text-2xl text-stone-700">{props.windowName}</p>
        </header>
        {phase === "idle" && (
          <section className="flex flex-1 flex-col items-center justify-center text-center" role="status">
            <p className="text-5xl font-bold">{w.welcome}</p>
            <p className="mt-6 text-3xl text-stone-700">{w.welcomeHint}</p>
          </section>
        )}
        {phase === "rated" && (
          <section className="flex flex-1 flex-col items-center justify-center text-center" role="status">
            <p className="text-6xl font-bold text-emerald-800">{w.thanks}</p>
            <p className="mt-6 text-3xl text-stone-700">{w.thanksHint}</p>
          </section>
        )}
        {phase === "case" && current && (
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
                    <dd>
                      {fill(w.staffValue, { name: current.staffName ?? "", no: current.staffNo })}
                    </dd>
                  </>
                )}
              </dl>
              <form
                className="mt-4"
                aria-label={props.words.form}
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              >
                <p className="mt-6 text-2xl text-stone-700">
                  {w.chooseHere}
                </p>
                <IndicatorField
                  indicator={props.indicators[current.stage]}
                  answer={answer}
                  onChange={setAnswer}
                  large
                  wide
                />
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
                    {props.words.submit}
                  </button>
                )}
              </form>
            </div>
            <figure className="flex w-72 flex-col items-center self-start rounded-2xl bg-white p-4 shadow ring-1 ring-stone-200">
              {code ? (
                <img
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`}
                  alt={w.scan}
                  className="size-64"
                />
              ) : (
                <div className="size-64" aria-hidden="true" />
              )}
              <figcaption className="mt-2 text-center text-2xl font-semibold">{w.scan}</figcaption>
              <p className="text-center text-lg text-stone-700">{w.scanHint}</p>
            </figure>
          </div>
        )}
      </main>
    </WordsProvider>
  );
}
