"use client";
import { useId } from "react";

import type { CatalogueIndicator } from "@/server/catalog/indicators.service";
import { isBad, type Level } from "@/server/ratings/vocabulary";

import { Face, LEVEL_UI } from "../../_components/levels";
import { ReadAloud } from "../../_components/read-aloud";
import { useWords } from "../../_components/words";

export interface Answer {
  level: Level | null;
  tagCodes: string[];
  text: string;
}
export const emptyAnswer: Answer = { level: null, tagCodes: [], text: "" };
/** An answered indicator as the server takes it (the reason's text only when there is one); nothing while unanswered. */
export const scoreOf = (indicatorCode: string, a: Answer) =>
  a.level
    ? [
        {
          indicatorCode,
          level: a.level,
          tagCodes: a.tagCodes,
          ...(a.text.trim() ? { text: a.text.trim() } : {}),
        },
      ]
    : [];

/** The two looks: a phone's list (larger for the first question), and the window screen's row of five, read at arm's length. */
const LOOK = {
  phone: {
    levels: "gap-2",
    level: "min-h-14 gap-3 px-4 text-lg",
    face: "size-8",
    text: "text-base",
    tags: "",
    box: "size-6",
    reason: "min-h-24",
  },
  wide: {
    levels: "grid-cols-5 gap-4",
    level:
      "min-h-36 flex-col justify-center gap-2 border-4 px-2 text-center text-2xl leading-tight",
    face: "size-16",
    text: "text-xl",
    // two columns and a one-line reason box: with them the screen still fits 1280×800 without scrolling
    tags: "grid grid-cols-2 gap-x-6",
    box: "size-7",
    reason: "min-h-14",
  },
};

/**
 * One indicator: a group named after it with the five levels as radios (nothing preselected,
 * article 4), then that level's tags as checkboxes, and for 不满意 / 非常不满意 a reason box.
 */
export function IndicatorField({
  indicator,
  answer,
  onChange,
  large,
  name,
  wide,
}: {
  indicator: CatalogueIndicator;
  answer: Answer;
  onChange: (a: Answer) => void;
  large?: boolean;
  /** the radio group's name, when one indicator appears once per item (一件事) */
  name?: string;
  /** the window screen: five big buttons in a row, for a finger at arm's length */
  wide?: boolean;
}) {
  const words = useWords();
  const nameId = useId();
  const look = wide ? LOOK.wide : LOOK.phone;
  const tags = indicator.tags.filter((t) => t.level === answer.level);
  const toggle = (code: string) =>
    onChange({
      ...answer,
      tagCodes: answer.tagCodes.includes(code)
        ? answer.tagCodes.filter((c) => c !== code)
        : [...answer.tagCodes, code],
    });
  return (
    <div className="mt-5">
      {/* the group is named by the indicator's name alone (aria-labelledby), so the read-aloud button can sit in the legend:
          floated, it takes exactly its own room and only the first line gives way to it, so a long English name in large
          type wraps under it instead of widening the page (a fixed padding was too narrow for "Read aloud" and made the
          page 2 px too wide for a 360-px phone). Not on the window screen: a counter is no place to read choices out loud */}
      <fieldset className="min-w-0" aria-labelledby={nameId}>
        {wide ? (
          <legend id={nameId} className="flex min-h-12 items-center text-3xl font-bold">
            {indicator.name}
          </legend>
        ) : (
          <legend className={`w-full ${large ? "text-xl font-bold" : "text-lg font-semibold"}`}>
            <span className="float-right ml-2">
              <ReadAloud
                subject={indicator.name}
                text={`${indicator.name}。${LEVEL_UI.map((l) => words.levels[l.level]).join("，")}。${tags.map((t) => t.text).join("；")}`}
              />
            </span>
            <span id={nameId} className="inline-block py-2.5">
              {indicator.name}
            </span>
          </legend>
        )}
        <div className={`mt-2 grid ${look.levels}`}>
          {LEVEL_UI.map((l) => {
            const checked = answer.level === l.level;
            return (
              <label
                key={l.level}
                className={`flex cursor-pointer items-center rounded-xl border-2 font-semibold ${look.level} has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${l.tone} ${checked ? `${l.fill} text-white` : "bg-white"}`}
              >
                <input
                  type="radio"
                  className="sr-only"
                  name={name ?? indicator.code}
                  value={l.level}
                  checked={checked}
                  onChange={() =>
                    onChange({
                      level: l.level,
                      tagCodes: [],
                      text: isBad(l.level) ? answer.text : "",
                    })
                  }
                />
                <Face
                  mouth={l.mouth}
                  className={`${look.face} shrink-0 ${checked ? "text-white" : ""}`}
                />
                <span className={checked ? "text-white" : ""}>{words.levels[l.level]}</span>
                {checked && !wide && (
                  <span className="ml-auto text-white" aria-hidden="true">
                    ✓
                  </span>
                )}
              </label>
            );
          })}
        </div>
        {tags.length > 0 && (
          <div className={`mt-3 rounded-lg bg-stone-100 p-3 ${look.text} ${look.tags}`}>
            <p className="col-span-full text-stone-700">
              {isBad(answer.level) ? words.chooseReasons : words.chooseOptional}
            </p>
            {tags.map((t) => (
              <label key={t.code} className="mt-2 flex min-h-12 cursor-pointer items-start gap-3">
                <input
                  type="checkbox"
                  className={`mt-1 shrink-0 accent-stone-800 ${look.box}`}
                  checked={answer.tagCodes.includes(t.code)}
                  onChange={() => toggle(t.code)}
                />
                <span>{t.text}</span>
              </label>
            ))}
          </div>
        )}
        {isBad(answer.level) && (
          <label className={`mt-3 block ${look.text}`}>
            <span className="font-medium">{words.reason}</span>
            <textarea
              className={`mt-1 block w-full rounded-lg border-2 border-stone-400 bg-white p-3 ${look.reason}`}
              rows={wide ? 1 : 2}
              maxLength={500}
              value={answer.text}
              onChange={(e) => onChange({ ...answer, text: e.target.value })}
            />
          </label>
        )}
      </fieldset>
    </div>
  );
}
