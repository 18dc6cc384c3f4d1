import { expect, test } from "vitest";

import { parseScores } from "./scores";
import {
  badCount,
  indicatorName,
  isBad,
  isServiceIndicator,
  LEVEL_SCORE,
  LEVELS,
  lowestLevel,
  ratingLevel,
  serviceLevel,
} from "./vocabulary";

test("article 10: the five levels best first, scored 10/8/6/3/0; 差评 = the last two", () => {
  expect(LEVELS.map((l) => LEVEL_SCORE[l])).toEqual([10, 8, 6, 3, 0]);
  expect(LEVELS.filter((l) => isBad(l))).toEqual(["unsatisfied", "very_unsatisfied"]);
  expect(isBad(null)).toBe(false);
  expect(
    badCount({ very_satisfied: 1, satisfied: 2, basic: 4, unsatisfied: 8, very_unsatisfied: 16 }),
  ).toBe(24);
});

test("a rating's level: its 总体评价, else the lowest it gave; the service part by code", () => {
  expect(lowestLevel([])).toBeNull();
  expect(lowestLevel(["satisfied", "very_unsatisfied", "basic"])).toBe("very_unsatisfied");
  const scores = [
    { indicatorCode: "svc.attitude", level: "basic" as const },
    { indicatorCode: "svc.ability", level: "satisfied" as const },
    { indicatorCode: "biz.place", level: "unsatisfied" as const },
  ];
  expect(ratingLevel("very_satisfied", scores)).toBe("very_satisfied");
  expect(ratingLevel(null, scores)).toBe("unsatisfied");
  expect(serviceLevel(scores)).toBe("basic");
  expect(serviceLevel(scores.slice(2))).toBeNull();
  expect(isServiceIndicator("svc.ability") && !isServiceIndicator("overall")).toBe(true);
  expect([
    indicatorName("svc.attitude"),
    indicatorName("biz.place"),
    indicatorName("constructor"),
  ]).toEqual(["服务态度", "biz.place", "constructor"]);
});

test("ratings.scores is read one way, and a row of another shape is refused, not passed on", () => {
  const stored = [
    {
      indicatorCode: "svc.attitude",
      level: "unsatisfied",
      tagCodes: ["t"],
      text: "慢",
      operatorNo: "007",
    },
  ];
  expect(parseScores(JSON.stringify(stored))).toEqual(stored);
  expect(() => parseScores('[{"indicatorCode":"overall","level":"awful","tagCodes":[]}]')).toThrow(
    /ratings.scores/,
  );
  expect(() => parseScores('{"indicatorCode":"overall"}')).toThrow(/ratings.scores/);
});
