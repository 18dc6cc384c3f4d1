import { describe, expect, test } from "vitest";

import { INDICATORS } from "@/db/seed/catalogue-data";

import type { CatalogueIndicator } from "../catalog/indicators.service";
import {
  defaultRating,
  isRateable,
  ratedIndicators,
  type Score,
  scoreProblems,
} from "./ratings.rules";
import { isBad, LEVELS } from "./vocabulary";

const catalogue: CatalogueIndicator[] = INDICATORS.map((i) => ({
  code: i.code,
  grp: i.grp,
  dimension: i.dimension,
  name: i.name,
  tags: LEVELS.flatMap((level) =>
    (i.tags[level] ?? []).map((text, n) => ({
      code: text === "其他" ? `${i.code}.${level}.other` : `${i.code}.${level}.${n + 1}`,
      level,
      text,
      needsText: text === "其他",
    })),
  ),
}));
const completion = ratedIndicators(catalogue, "completion", true);
const s = (
  indicatorCode: string,
  level: Score["level"],
  tagCodes: string[] = [],
  text?: string,
): Score => ({ indicatorCode, level, tagCodes, text });

describe("what each stage rates (SPEC §3)", () => {
  test("receipt: service only; completion: overall + nine business (+ two service with staff)", () => {
    expect(ratedIndicators(catalogue, "receipt", true).map((i) => i.code)).toEqual([
      "svc.attitude",
      "svc.ability",
    ]);
    expect(ratedIndicators(catalogue, "completion", false)).toHaveLength(10);
    expect(completion).toHaveLength(12);
  });
});

describe("article 11", () => {
  test.each([
    ["overall only, good", [s("overall", "very_satisfied")], []],
    ["overall only, basic, no tag needed", [s("overall", "basic")], []],
    ["bad with a tag of that level", [s("overall", "unsatisfied", ["overall.unsatisfied.1"])], []],
    ["bad with a written reason", [s("overall", "very_unsatisfied", [], "等了两个小时")], []],
    ["bad with neither", [s("overall", "unsatisfied")], ["needs_reason"]],
    ["bad with only spaces", [s("overall", "unsatisfied", [], "   ")], ["needs_reason"]],
    [
      "a tag of another level",
      [s("overall", "very_unsatisfied", ["overall.unsatisfied.1"])],
      ["tag_of_other_level"],
    ],
    [
      "a tag of another indicator",
      [s("overall", "unsatisfied", ["biz.venue.unsatisfied.1"])],
      ["unknown_tag"],
    ],
    [
      "其他 without text",
      [s("overall", "unsatisfied", ["overall.unsatisfied.other"])],
      ["other_needs_text"],
    ],
    [
      "其他 with text",
      [s("overall", "unsatisfied", ["overall.unsatisfied.other"], "材料被退回三次")],
      [],
    ],
    [
      "a bad business indicator without reason",
      [s("overall", "satisfied"), s("biz.duration", "very_unsatisfied")],
      ["needs_reason"],
    ],
    [
      "a bad business indicator with its tag",
      [
        s("overall", "satisfied"),
        s("biz.duration", "very_unsatisfied", ["biz.duration.very_unsatisfied.1"]),
      ],
      [],
    ],
    ["no overall on completion", [s("biz.venue", "satisfied")], ["required"]],
    ["an indicator twice", [s("overall", "satisfied"), s("overall", "basic")], ["duplicate"]],
    [
      "an unknown indicator",
      [s("overall", "satisfied"), s("biz.nope", "basic")],
      ["not_rated_here"],
    ],
  ])("%s", (_name, scores, problems) => {
    expect(scoreProblems(scores, completion, "completion").map((p) => p.problem)).toEqual(problems);
  });

  test("service is not rated on a completion stage without staff, nor the overall on a receipt", () => {
    expect(
      scoreProblems(
        [s("overall", "satisfied"), s("svc.attitude", "satisfied")],
        ratedIndicators(catalogue, "completion", false),
        "completion",
      ),
    ).toEqual([{ indicatorCode: "svc.attitude", problem: "not_rated_here" }]);
    expect(
      scoreProblems(
        [s("overall", "satisfied")],
        ratedIndicators(catalogue, "receipt", true),
        "receipt",
      ).map((p) => p.problem),
    ).toEqual(["not_rated_here", "required"]);
  });

  test("差评 is 不满意 and 非常不满意 only", () => {
    expect(
      ["very_satisfied", "satisfied", "basic", "unsatisfied", "very_unsatisfied"].map((l) =>
        isBad(l as Score["level"]),
      ),
    ).toEqual([false, false, false, true, true]);
  });
});

test("a stage takes a rating while open and before its window closes", () => {
  const closesAt = 1_000;
  expect([
    isRateable({ status: "open", closesAt }, 999),
    isRateable({ status: "open", closesAt }, 1_000),
  ]).toEqual([true, false]);
  expect([
    isRateable({ status: "pending", closesAt: null }, 0),
    isRateable({ status: "rated", closesAt }, 0),
    isRateable(undefined, 0),
  ]).toEqual([false, false, false]);
});

test("article 17: the default is 非常满意 on what the stage rates, in the exact JSON the chain hashes", () => {
  expect(defaultRating("receipt")).toEqual({
    overallLevel: null,
    bad: false,
    scores:
      '[{"indicatorCode":"svc.attitude","level":"very_satisfied","tagCodes":[]},' +
      '{"indicatorCode":"svc.ability","level":"very_satisfied","tagCodes":[]}]',
  });
  expect(defaultRating("completion")).toEqual({
    overallLevel: "very_satisfied",
    bad: false,
    scores: '[{"indicatorCode":"overall","level":"very_satisfied","tagCodes":[]}]',
  });
});
