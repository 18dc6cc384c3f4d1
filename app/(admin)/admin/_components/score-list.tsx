import { isBad, isServiceIndicator } from "@/server/ratings/vocabulary";

import { LEVEL_WORD, when } from "./format";

interface NamedScore {
  indicator: string;
  indicatorCode: string;
  level: keyof typeof LEVEL_WORD;
  tags: string[];
  text: string | null;
}

/** A rating's parts on a record's page: each level (差评 in red), its tags and written reason; the service part's 不予采纳 mark. */
export function ScoreList({
  scores,
  notAdopted = false,
}: {
  scores: NamedScore[];
  notAdopted?: boolean | undefined;
}) {
  return (
    <ul className="mt-3 space-y-3">
      {scores.map((s) => (
        <li key={s.indicatorCode} className="border-l-4 border-stone-300 pl-3">
          <p className="text-base">
            <span className="font-semibold">{s.indicator}</span>：
            <span className={isBad(s.level) ? "font-bold text-red-800" : ""}>
              {LEVEL_WORD[s.level]}
            </span>
            {notAdopted && isServiceIndicator(s.indicatorCode) && (
              <span className="ml-2 rounded bg-stone-800 px-1 text-sm text-white">不予采纳</span>
            )}
          </p>
          {s.tags.length > 0 && (
            <p className="text-base text-stone-700">标签：{s.tags.join("；")}</p>
          )}
          {s.text && (
            <p className="mt-1 rounded-lg bg-stone-50 p-2 text-base break-words">
              不满意原因：{s.text}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The rater's 追加评价 beside the rating. */
export function AppendedNote({
  appended,
}: {
  appended: {
    createdAt: number;
    level: keyof typeof LEVEL_WORD | null;
    bad: boolean;
    text: string;
  };
}) {
  return (
    <div data-appended className="mt-3 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
      <p className="text-base font-semibold">
        追加评价 · {when(appended.createdAt)}
        {appended.level && (
          <span className={appended.bad ? "ml-2 font-bold text-red-800" : "ml-2"}>
            {LEVEL_WORD[appended.level]}
          </span>
        )}
      </p>
      <p className="mt-1 text-base break-words">{appended.text}</p>
    </div>
  );
}

export const isServiceBad = (scores: NamedScore[]) =>
  scores.some((s) => isServiceIndicator(s.indicatorCode) && isBad(s.level));
