import { describe, expect, test } from "vitest";

import type { Level } from "../ratings/vocabulary";
import {
  appealableIndicators,
  appealRefusal,
  ARTICLE_22_REFUSAL,
  decisionRefusal,
  openedOnlyByService,
  type RatingFacts,
} from "./appeals.rules";

/** expect.stringContaining, typed (it returns any) */
const has = (text: string): unknown => expect.stringContaining(text);

const GROUPS: Record<string, "overall" | "business" | "service"> = {
  overall: "overall",
  "biz.place": "business",
  "svc.attitude": "service",
  "svc.ability": "service",
};
const rating = (scores: [string, Level][], hasPerson = true): RatingFacts => ({
  scores: scores.map(([indicatorCode, level]) => ({ indicatorCode, level })),
  groupOf: (c) => GROUPS[c],
  hasPerson,
});
const full = rating([
  ["overall", "unsatisfied"],
  ["biz.place", "very_unsatisfied"],
  ["svc.attitude", "unsatisfied"],
  ["svc.ability", "basic"],
]);
const ok = {
  role: "org_admin" as const,
  indicatorCodes: ["svc.attitude"],
  reason: "录像显示工作人员态度正常",
  fileCount: 1,
};

describe("article 22: what may be appealed", () => {
  test("the service part (服务态度 / 服务能力) may be appealed", () => {
    expect(appealRefusal(ok, full)).toBeNull();
    expect(
      appealRefusal({ ...ok, indicatorCodes: ["svc.attitude", "svc.ability"] }, full),
    ).toBeNull();
    expect(appealableIndicators(full)).toEqual(["svc.attitude", "svc.ability"]);
  });

  test("总体评价 and business indicators are refused with article 22's words", () => {
    for (const codes of [["overall"], ["biz.place"], ["svc.attitude", "overall"]]) {
      expect(appealRefusal({ ...ok, indicatorCodes: codes }, full)).toEqual({
        code: "invalid",
        field: "indicatorCodes",
        message: ARTICLE_22_REFUSAL,
      });
    }
    expect(ARTICLE_22_REFUSAL).toContain("不接受申诉修改评价结果");
    expect(ARTICLE_22_REFUSAL).toContain("第二十二条");
  });

  test("a rating of no window staff or 12345 operator has nothing to appeal", () => {
    const terminal = rating([["overall", "unsatisfied"]], false);
    expect(appealableIndicators(terminal)).toEqual([]);
    expect(appealRefusal(ok, rating([["svc.attitude", "unsatisfied"]], false))?.field).toBe(
      "ratingId",
    );
  });

  test("an indicator the rating did not rate, no reason, or a wrong number of files: the field is named", () => {
    const onlyAttitude = rating([["svc.attitude", "unsatisfied"]]);
    expect(appealRefusal({ ...ok, indicatorCodes: ["svc.ability"] }, onlyAttitude)?.field).toBe(
      "indicatorCodes",
    );
    expect(appealRefusal({ ...ok, indicatorCodes: [] }, full)?.field).toBe("indicatorCodes");
    expect(appealRefusal({ ...ok, reason: " 不对 " }, full)).toMatchObject({
      field: "reason",
      message: has("申诉理由"),
    });
    expect(appealRefusal({ ...ok, fileCount: 0 }, full)).toMatchObject({
      field: "files",
      message: has("证明材料"),
    });
    expect(appealRefusal({ ...ok, fileCount: 6 }, full)?.field).toBe("files");
    expect(appealRefusal({ ...ok, fileCount: 5 }, full)).toBeNull();
  });
});

describe("article 22: by whom, and once", () => {
  test("only an org admin files; the bureau decides; window staff do neither", () => {
    expect(appealRefusal({ ...ok, role: "bureau" }, full)?.code).toBe("forbidden");
    expect(appealRefusal({ ...ok, role: "staff" }, full)?.code).toBe("forbidden");
    const decide = {
      role: "bureau",
      outcome: "adopted",
      reason: "录像核实",
      alreadyDecided: false,
    };
    expect(decisionRefusal(decide)).toBeNull();
    expect(decisionRefusal({ ...decide, role: "org_admin" })?.code).toBe("forbidden");
  });

  test("a decided appeal is final; a decision needs an outcome and a reason", () => {
    const decide = {
      role: "bureau",
      outcome: "rejected",
      reason: "证据不足",
      alreadyDecided: false,
    };
    expect(decisionRefusal({ ...decide, alreadyDecided: true })).toMatchObject({
      field: "appealId",
      message: "这条申诉已经决定，决定不能更改",
    });
    expect(decisionRefusal({ ...decide, outcome: "maybe" })?.field).toBe("outcome");
    expect(decisionRefusal({ ...decide, reason: " " })?.field).toBe("reason");
  });

  test("a work order ends not_adopted only when the service part alone made the rating bad", () => {
    expect(
      openedOnlyByService(
        rating([
          ["overall", "satisfied"],
          ["svc.attitude", "unsatisfied"],
        ]),
      ),
    ).toBe(true);
    expect(
      openedOnlyByService(
        rating([
          ["svc.attitude", "very_unsatisfied"],
          ["svc.ability", "unsatisfied"],
        ]),
      ),
    ).toBe(true);
    expect(openedOnlyByService(full)).toBe(false);
    expect(
      openedOnlyByService(
        rating([
          ["overall", "unsatisfied"],
          ["svc.attitude", "unsatisfied"],
        ]),
      ),
    ).toBe(false);
    expect(openedOnlyByService(rating([["overall", "satisfied"]]))).toBe(false);
  });
});
