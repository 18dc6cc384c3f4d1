import { createHash } from "node:crypto";

import { sql } from "drizzle-orm";
import { expect, test } from "vitest";

import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { rateCall, rateCase } from "@/tests/stats-fixtures";

import { canonicalJson } from "../json";
import { publicResults } from "./publication.service";

const fresh = perTestDeps();

test("the bureau publishes a month: a snapshot with its SHA-256 that later ratings never change; again makes a version", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  for (let i = 0; i < 5; i++)
    await rateCase(deps, { overall: i ? "very_satisfied" : "unsatisfied", attitude: "satisfied" });
  await rateCase(deps, {
    overall: "satisfied",
    orgCode: "440781101",
    itemCode: "ITEM-0101",
    windowCode: "W11",
    staffNo: "TS1101",
  }); // 台城街道: one only
  await rateCall(deps, "satisfied"); // 12345: no org, never public
  const bureau = await callerFor(deps, "bureau");
  await expect(bureau.stats.publish({ period: "2026-04" })).rejects.toMatchObject({
    code: "UNPROCESSABLE_CONTENT",
  });
  const first = await bureau.stats.publish({ period: "2026-03" });
  expect(first).toMatchObject({
    period: "2026-03",
    version: 1,
    hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
  });

  const published = await publicResults(deps, "2026-03");
  expect(published.rows.map((r) => [r.code, r.ratings, r.active, r.suppressed])).toEqual([
    ["440781", 5, 5, false],
    ["440781101", 1, 1, true],
  ]);
  expect(published.rows[0]).toMatchObject({
    goodRate: 0.8,
    badRate: 0.2,
    average: 8.6,
    workOrders: { opened: 1, closed: 0, closedOnTime: 0 },
  });
  expect(published.rows[1]).toMatchObject({
    average: null,
    goodRate: null,
    badRate: null,
    activeRate: null,
  });
  // the hash is the SHA-256 of the canonical JSON of what is shown
  const body = {
    period: published.period,
    version: published.version,
    publishedAt: published.publishedAt,
    rows: published.rows,
  };
  expect(createHash("sha256").update(canonicalJson(body)).digest("hex")).toBe(published.hash);
  // nothing personal: no staff, no names of people, no free text
  const text = JSON.stringify(published);
  for (const word of ["TS0001", "李敏", "办理太慢", "staff", "OP01"])
    expect(text).not.toContain(word);

  // a rating made afterwards changes the figures, not the published month
  clock.set("2026-03-20T10:00:00+08:00");
  await rateCase(deps, { overall: "very_unsatisfied" });
  expect((await publicResults(deps, "2026-03")).rows[0]).toMatchObject({
    ratings: 5,
    badRate: 0.2,
  });
  const second = await bureau.stats.publish({ period: "2026-03" });
  const again = await publicResults(deps, "2026-03");
  expect(again).toMatchObject({
    version: 2,
    hash: second.hash,
    rows: [{ code: "440781", ratings: 6 }, { code: "440781101" }],
  });
  expect(again.versions.map((v) => [v.version, v.hash])).toEqual([
    [2, second.hash],
    [1, first.hash],
  ]);
  // snapshots are append-only
  await expect(
    deps.database.write((tx) => tx.run(sql`update stats_publications set hash = 'x'`)),
  ).rejects.toBeTruthy();
  await expect(publicResults(deps, "2026-02")).rejects.toMatchObject({ code: "not_found" });
  // only the bureau publishes
  await expect(
    (await callerFor(deps, "admin-440781")).stats.publish({ period: "2026-03" }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
});
