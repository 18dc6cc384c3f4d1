"use client";
import { type Words, WordsProvider } from "@/app/(citizen)/_components/words";
import { emptyAnswer, IndicatorField } from "@/app/(citizen)/r/[token]/indicator-field";
import type { CatalogueIndicator } from "@/server/catalog/indicators.service";

/** The rating page's own questions, as the applicant will see them, with every control disabled. */
export function PreviewFields({
  indicators,
  words,
}: {
  indicators: CatalogueIndicator[];
  words: Words;
}) {
  return (
    <WordsProvider words={words}>
      <fieldset disabled className="opacity-80">
        {indicators.map((ind) => (
          <IndicatorField
            key={ind.code}
            indicator={ind}
            answer={emptyAnswer}
            onChange={() => undefined}
          />
        ))}
      </fieldset>
    </WordsProvider>
  );
}
