import { eq } from "drizzle-orm";
import { expect, test } from "vitest";

import { orgs } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { rateCall, rateCase } from "@/tests/stats-fixtures";

import { orgSubtree } from "../access/scope";
import { writeDefaults } from "../jobs/defaults.job";
import { submitRating } from "../ratings/ratings.service";
import { rebuildRollups, storedCells } from "./rebuild";
import { rollupServiceNotAdopted } from "./rollup";
import { type TStatsQuery, ZStatsQuery } from "./stats.schema";
import { ALL, statsFor } from "./stats.service";

const fresh = perTestDeps();
const march = (groupBy: TStatsQuery["groupBy"], extra: Partial<TStatsQuery> = {}): TStatsQuery => ({
  from: "2026-03-01",
  to: "2026-03-31",
  groupBy,
  ...extra,
});

test("every figure with and without default ratings (article 17), rates with 4 decimals", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const rated = await completedCase(deps);
  await completedCase(deps); // never rated: both its stages get defaults
  await submitRating(
    deps,
    { applicantId: rated.applicantId, proof: "otp" },
    {
      token: rated.token,
      submissionId: "st-1",
      stage: "completion",
      scores: [
        { indicatorCode: "overall", level: "unsatisfied", tagCodes: ["overall.unsatisfied.1"] },
      ],
    },
  );
  clock.set("2026-03-10T00:00:00+08:00");
  expect(await writeDefaults(deps)).toBe(3); // the rated case's receipt stage and both stages of the other
  const all = await statsFor({ deps, scope: ALL }, march("org"));
  expect(all.totals).toMatchObject({
    ratings: 4,
    active: 1,
    defaults: 3,
    levels: { very_satisfied: 3, unsatisfied: 1 },
    average: 8.25,
    averageActive: 3,
  });
  expect(all.totals).toMatchObject({
    goodRate: 0.75,
    badRate: 0.25,
    activeRate: 0.25,
    workOrders: { opened: 1, closed: 0, overdue: 0 },
  });
  const without = await statsFor({ deps, scope: ALL }, march("org"), { includeDefaults: false });
  expect(without.totals).toMatchObject({
    ratings: 1,
    active: 1,
    defaults: 0,
    levels: { very_satisfied: 0, unsatisfied: 1 },
    goodRate: 0,
    badRate: 1,
  });
  // the bad rating's work order, still open after its 10 working days, is overdue now
  clock.set("2026-04-01T00:00:00+08:00");
  expect((await statsFor({ deps, scope: ALL }, march("day"))).totals.workOrders).toEqual({
    opened: 1,
    closed: 0,
    closedOnTime: 0,
    overdue: 1,
  });
  // a period without ratings: rates are null, not 0
  const empty = await statsFor(
    { deps, scope: ALL },
    { from: "2026-05-01", to: "2026-05-31", groupBy: "org" },
  );
  expect(empty.rows).toEqual([]);
  expect(empty.totals).toMatchObject({
    ratings: 0,
    average: null,
    goodRate: null,
    badRate: null,
    activeRate: null,
  });
});

test("a rating's level is its 总体评价, else its lowest; by staff and window only the service part counts, and a part not adopted leaves them", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  // overall satisfied, service basic/unsatisfied: the org counts 满意, the staff counts 不满意
  const a = await rateCase(deps, {
    overall: "satisfied",
    attitude: "basic",
    ability: "unsatisfied",
  });
  // a receipt stage (no overall): its level is the lowest it gave
  await rateCase(deps, {
    overall: "satisfied",
    stage: "receipt",
    attitude: "satisfied",
    ability: "very_satisfied",
    staffNo: "TS0002",
    windowCode: "W02",
  });
  // overall only: counts for the org, not for the staff
  await rateCase(deps, { overall: "very_satisfied" });
  await rateCall(deps, "very_unsatisfied", "OP07");

  const byOrg = await statsFor({ deps, scope: ALL }, march("org"));
  expect(byOrg.rows.map((r) => [r.key, r.ratings])).toEqual([
    ["12345", 1],
    ["440781", 3],
  ]);
  expect(byOrg.rows[1]!.levels).toMatchObject({ very_satisfied: 1, satisfied: 2, unsatisfied: 0 });
  const byStaff = await statsFor({ deps, scope: ALL }, march("staff"));
  expect(
    byStaff.rows.map((r) => [
      r.key,
      r.ratings,
      r.levels.unsatisfied,
      r.levels.satisfied,
      r.levels.very_unsatisfied,
    ]),
  ).toEqual([
    ["OP07", 1, 0, 0, 1],
    ["TS0001", 1, 1, 0, 0],
    ["TS0002", 1, 0, 1, 0],
  ]);

  await deps.database.write((tx) => rollupServiceNotAdopted(tx, a.ratingId));
  const after = await statsFor({ deps, scope: ALL }, march("staff"));
  expect(after.rows.find((r) => r.key === "TS0001")).toMatchObject({
    ratings: 0,
    notAdopted: 1,
    average: null,
  });
  const window = await statsFor({ deps, scope: ALL }, march("window"));
  expect(window.rows.find((r) => r.key === "W01")).toMatchObject({ ratings: 0, notAdopted: 1 });
  // the whole rating still counts for the org, marked
  expect(
    (await statsFor({ deps, scope: ALL }, march("org"))).rows.find((r) => r.key === "440781"),
  ).toMatchObject({
    ratings: 3,
    notAdopted: 1,
  });
  // once only: a second move is refused, and a rating without a service part cannot be moved
  await expect(
    deps.database.write((tx) => rollupServiceNotAdopted(tx, a.ratingId)),
  ).rejects.toMatchObject({
    code: "conflict",
  });

  // the rebuild from the ratings gives exactly the maintained cells
  const maintained = await storedCells(deps.database.db);
  await rebuildRollups(deps.database, new Set([a.ratingId]));
  expect(await storedCells(deps.database.db)).toEqual(maintained);
});

test("bad queries: from after to, more than 366 days, unknown groupBy; unknown codes are a bad request", async () => {
  const bad = (q: Record<string, string>) => ZStatsQuery.safeParse(q).success;
  expect(bad({ from: "2026-03-02", to: "2026-03-01", groupBy: "org" })).toBe(false);
  expect(bad({ from: "2025-01-01", to: "2026-01-02", groupBy: "org" })).toBe(false);
  expect(bad({ from: "2025-01-01", to: "2026-01-01", groupBy: "org" })).toBe(true); // 366 days
  expect(bad({ from: "2026-03-01", to: "2026-03-01", groupBy: "town" })).toBe(false);
  expect(bad({ from: "2026-02-30", to: "2026-03-01", groupBy: "org" })).toBe(false);
  const { deps } = await fresh();
  for (const extra of [{ org: "999" }, { item: "ITEM-X" }, { window: "W99" }]) {
    await expect(statsFor({ deps, scope: ALL }, march("org", extra))).rejects.toMatchObject({
      code: "bad_request",
    });
  }
});

test("scope: 大江镇's admin never sees 台城街道's figures", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  await rateCase(deps, { overall: "unsatisfied", attitude: "unsatisfied", ability: "basic" }); // the city's
  const taicheng = await completedCase(deps, { case: { orgCode: "440781101" } });
  await submitRating(
    deps,
    { applicantId: taicheng.applicantId, proof: "otp" },
    {
      token: taicheng.token,
      submissionId: "tc-1",
      stage: "completion",
      scores: [{ indicatorCode: "overall", level: "basic", tagCodes: [] }],
    },
  );
  const idOf = async (code: string) =>
    (await deps.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0]!.id;
  const dajiang = {
    all: false as const,
    orgIds: await orgSubtree(deps.database.db, await idOf("440781102")),
  };
  const taichengScope = {
    all: false as const,
    orgIds: await orgSubtree(deps.database.db, await idOf("440781101")),
  };
  for (const groupBy of ["org", "item", "window", "staff", "channel", "day"] as const) {
    const seen = await statsFor({ deps, scope: dajiang }, march(groupBy));
    expect(seen.rows).toEqual([]);
    expect(seen.totals).toMatchObject({ ratings: 0, workOrders: { opened: 0 } });
  }
  await expect(
    statsFor({ deps, scope: dajiang }, march("org", { org: "440781101" })),
  ).rejects.toMatchObject({
    code: "not_found",
  });
  const own = await statsFor({ deps, scope: taichengScope }, march("org"));
  expect(own.rows.map((r) => [r.key, r.ratings])).toEqual([["440781101", 1]]);
  // the city's admin asking for 台城街道 sees only it; its subtree filter works for the bureau too
  expect(
    (await statsFor({ deps, scope: ALL }, march("org", { org: "440781101" }))).totals.ratings,
  ).toBe(1);
  expect(
    (await statsFor({ deps, scope: ALL }, march("org", { org: "440781" }))).totals.ratings,
  ).toBe(2);
});
