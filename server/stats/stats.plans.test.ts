import { expect, test } from "vitest";

import { sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";
import { plansOf as capturePlans } from "@/tests/query-plans";
import { rateCase } from "@/tests/stats-fixtures";

import type { Deps } from "../deps";
import { myServiceFeed } from "./staff-feed.service";
import type { TStatsQuery } from "./stats.schema";
import { ALL, statsFor } from "./stats.service";

const fresh = perTestDeps();

/** Each statement's plan on one line, as the expectations below read it. */
const plansOf = async (deps: Deps, match: RegExp, run: () => Promise<unknown>) =>
  (await capturePlans(deps, match, run)).map((p) => ({ table: p.table, plan: p.plan.join(" | ") }));

const ROLLUP = /from "(stats_[a-z_]+)"/;
const views: [string, TStatsQuery, RegExp][] = [
  [
    "a month by org",
    { from: "2026-03-01", to: "2026-03-31", groupBy: "org" },
    /^stats_monthly(_org)?$/,
  ],
  [
    "a year by org",
    { from: "2025-04-01", to: "2026-03-31", groupBy: "org" },
    /^stats_monthly(_org)?$/,
  ],
  [
    "a month by staff",
    { from: "2026-03-01", to: "2026-03-31", groupBy: "staff" },
    /^stats_monthly_staff$/,
  ],
  [
    "part of a month by window",
    { from: "2026-03-02", to: "2026-03-20", groupBy: "window" },
    /^stats_daily_staff$/,
  ],
  [
    "a month by staff of one item",
    { from: "2026-03-01", to: "2026-03-31", groupBy: "staff", item: "ITEM-0001" },
    /^stats_monthly$/,
  ],
  [
    "a month by day",
    { from: "2026-03-01", to: "2026-03-31", groupBy: "day" },
    /^stats_daily(_org)?$/,
  ],
];

test("article 23's views read a key range of the narrowest rollup that answers them, never a scan", async () => {
  const { deps } = await fresh("2026-03-20T10:00:00+08:00");
  await rateCase(deps, { overall: "satisfied", attitude: "basic", ability: "satisfied" });
  for (const [name, q, tables] of views) {
    const plans = await plansOf(deps, ROLLUP, () => statsFor({ deps, scope: ALL }, q));
    expect(plans.length, name).toBeGreaterThan(0);
    for (const { table, plan } of plans) {
      expect(table, `${name} reads ${table}`).toMatch(tables);
      // the key leads with the time (and the part): a range, with the counts in the key's own B-tree
      expect(plan, `${name}: ${plan}`).toMatch(
        new RegExp(
          `^SEARCH ${table} USING PRIMARY KEY \\((part=\\? AND )?(day|month)>\\? AND (day|month)<\\?`,
        ),
      );
    }
  }
});

test("the staff feed reads its page from the (staff_id, created_at) index", async () => {
  const { deps } = await fresh("2026-03-20T10:00:00+08:00");
  await rateCase(deps, { overall: "satisfied", attitude: "basic" });
  await rateCase(deps, { overall: "satisfied", attitude: "satisfied" });
  const staff = await sessionOf(deps, "TS0001");
  // a later page: the sealed key the first page handed out
  const { more } = await myServiceFeed(deps, staff, { limit: 1 });
  expect(more).toEqual(expect.any(String));
  const plans = await plansOf(deps, /from "(ratings)"/, () =>
    myServiceFeed(deps, staff, { before: more! }),
  );
  expect(plans.map((p) => p.plan)).toEqual([
    expect.stringMatching(/^SEARCH ratings USING INDEX ratings_staff_created_idx \(staff_id=\?/),
  ]);
});
