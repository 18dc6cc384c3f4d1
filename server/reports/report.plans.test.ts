import { expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { plansOf } from "@/tests/query-plans";

import { ALL } from "../stats/stats.service";
import { reopenedIn } from "./report.followups";

const fresh = perTestDeps();

test("the 通报's reopened orders of a period read a range of the (reopened, created_at) index, not every fix rating", async () => {
  const { deps } = await fresh("2026-03-20T10:00:00+08:00");
  const from = Date.parse("2026-03-01T00:00:00+08:00");
  const plans = await plansOf(deps, /from "(fix_ratings)"/, () =>
    reopenedIn(deps.database.db, ALL, from, from + 31 * 86_400_000),
  );
  expect(plans.map((p) => p.plan[0])).toEqual([
    expect.stringMatching(
      /^SEARCH fix_ratings USING INDEX fix_ratings_reopened_idx \(reopened=\? AND created_at>\? AND created_at<\?\)/,
    ),
  ]);
});
