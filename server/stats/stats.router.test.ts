import { expect, test } from "vitest";

import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { rateCase } from "@/tests/stats-fixtures";

const fresh = perTestDeps();
const period = { from: "2026-03-01", to: "2026-03-31" };

test("scope on every stats procedure: 大江镇's admin never sees 台城街道's figures; staff are refused", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  await rateCase(deps, {
    overall: "unsatisfied",
    attitude: "unsatisfied",
    orgCode: "440781101",
    itemCode: "ITEM-0101",
    windowCode: "W11",
    staffNo: "TS1101",
  }); // 台城街道
  await rateCase(deps, {
    overall: "satisfied",
    attitude: "basic",
    orgCode: "440781102",
    itemCode: "ITEM-0201",
    windowCode: "W21",
    staffNo: "TS1201",
  }); // 大江镇
  const dajiang = await callerFor(deps, "admin-440781102");
  for (const groupBy of ["org", "item", "window", "staff", "channel", "day"] as const) {
    const seen = await dajiang.stats.query({ ...period, groupBy });
    expect(seen.totals.ratings, groupBy).toBe(1);
    expect(JSON.stringify(seen)).not.toMatch(/440781101|ITEM-0101|W11|TS1101|黄丽/);
  }
  await expect(
    dajiang.stats.query({ ...period, groupBy: "org", org: "440781101" }),
  ).rejects.toMatchObject({ code: "NOT_FOUND" });
  const taicheng = await callerFor(deps, "admin-440781101");
  expect(
    (await taicheng.stats.query({ ...period, groupBy: "staff" })).rows.map((r) => r.key),
  ).toEqual(["TS1101"]);
  const city = await callerFor(deps, "admin-440781");
  expect((await city.stats.query({ ...period, groupBy: "org" })).rows.map((r) => r.key)).toEqual([
    "440781101",
    "440781102",
  ]);
  // drill-down: org → window → staff
  expect(
    (await city.stats.query({ ...period, groupBy: "window", org: "440781102" })).rows.map(
      (r) => r.key,
    ),
  ).toEqual(["W21"]);
  expect(
    (await city.stats.query({ ...period, groupBy: "staff", window: "W21" })).rows.map((r) => [
      r.key,
      r.levels.basic,
    ]),
  ).toEqual([["TS1201", 1]]);
  // bad queries are refused as bad requests
  await expect(city.stats.query({ ...period, groupBy: "org", item: "NOPE" })).rejects.toMatchObject(
    { code: "BAD_REQUEST" },
  );
  await expect(
    (await callerFor(deps, "TS1101")).stats.query({ ...period, groupBy: "org" }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect(dajiang.stats.publications()).rejects.toMatchObject({ code: "FORBIDDEN" });
});
