import "server-only";

import type { Reader } from "@/db/types";

import { activeCatalogue } from "../catalog/indicators.service";
import { parseScores } from "./scores";

/**
 * A rating's parts as the desks and 12345 read them: each indicator and tag by its catalogue name,
 * the indicator's code kept beside its name (the service part is found by code).
 */
export async function namedScores(db: Reader, scoresJson: string) {
  const catalogue = await activeCatalogue(db);
  return parseScores(scoresJson).map((s) => {
    const ind = catalogue.indicators.find((i) => i.code === s.indicatorCode);
    return {
      indicator: ind?.name ?? s.indicatorCode,
      indicatorCode: s.indicatorCode,
      level: s.level,
      tags: s.tagCodes.map((c) => ind?.tags.find((t) => t.code === c)?.text ?? c),
      text: s.text ?? null,
    };
  });
}
