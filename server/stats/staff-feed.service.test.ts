import { expect, test } from "vitest";

import { callerFor } from "@/tests/admin-caller";
import { adminCtxAs, PNG_BYTES, ratedCase, SERVICE_BAD } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { rateCase } from "@/tests/stats-fixtures";

import { decideAppeal, fileAppeal } from "../appeals/appeals.service";
import { submitRating } from "../ratings/ratings.service";
import { ALL, statsFor } from "./stats.service";

const fresh = perTestDeps();

test("a staff member's feed: their own ratings' service parts, no rater, no text unless about service; never another's", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const c = await completedCase(deps, {
    case: { orgCode: "440781101", itemCode: "ITEM-0101", windowCode: "W11", staffNo: "TS1101" },
  });
  await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: "feed-1",
      stage: "completion",
      scores: [
        {
          indicatorCode: "overall",
          level: "unsatisfied",
          tagCodes: [],
          text: "大厅太挤，黄秀英 13902221234",
        },
        { indicatorCode: "svc.attitude", level: "unsatisfied", tagCodes: [], text: "不耐烦" },
        { indicatorCode: "svc.ability", level: "satisfied", tagCodes: [] },
      ],
    },
  );
  clock.advance(60_000);
  await rateCase(deps, {
    overall: "very_satisfied",
    orgCode: "440781101",
    itemCode: "ITEM-0101",
    windowCode: "W11",
    staffNo: "TS1101",
  }); // no service part
  await rateCase(deps, {
    overall: "satisfied",
    attitude: "very_satisfied",
    orgCode: "440781102",
    itemCode: "ITEM-0201",
    windowCode: "W21",
    staffNo: "TS1201",
  });

  const feed = await (await callerFor(deps, "TS1101")).stats.myFeed();
  expect(feed).toEqual({
    entries: [
      {
        day: "2026-03-02",
        stage: "completion",
        source: "rater",
        level: "unsatisfied",
        notAdopted: false,
        scores: [
          { indicatorCode: "svc.attitude", level: "unsatisfied", tags: [], text: "不耐烦" },
          { indicatorCode: "svc.ability", level: "satisfied", tags: [] },
        ],
      },
    ],
    more: null,
  });
  expect(JSON.stringify(feed)).not.toMatch(/大厅太挤|黄秀英|1390222|applicant|phone/);
  expect(
    (await (await callerFor(deps, "TS1201")).stats.myFeed()).entries.map((e) => e.level),
  ).toEqual(["very_satisfied"]);
  await expect((await callerFor(deps, "admin-440781101")).stats.myFeed()).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
  await expect((await callerFor(deps, "admin-440781101")).stats.myMonth()).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
});

test("'more' pages by (time, chain position): ratings made in the same millisecond are each shown once; B's never appear in A's pages", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const levels = [
    "very_satisfied",
    "satisfied",
    "basic",
    "unsatisfied",
    "very_unsatisfied",
  ] as const;
  // the clock stands still: five ratings of A share one created_at, like the cases of one batch
  for (const attitude of levels) {
    await rateCase(deps, {
      overall: "satisfied",
      attitude,
      orgCode: "440781101",
      itemCode: "ITEM-0101",
      windowCode: "W11",
      staffNo: "TS1101",
    });
    await rateCase(deps, {
      overall: "satisfied",
      attitude,
      ability: "basic",
      orgCode: "440781102",
      itemCode: "ITEM-0201",
      windowCode: "W21",
      staffNo: "TS1201",
    });
  }
  clock.advance(1000);
  const a = await callerFor(deps, "TS1101");
  const seen: string[] = [];
  let before: string | undefined;
  for (let page = 0; page < 10; page++) {
    const p = await a.stats.myFeed({ limit: 2, ...(before ? { before } : {}) });
    seen.push(...p.entries.map((e) => e.level));
    for (const e of p.entries)
      expect(e.scores.map((s) => s.indicatorCode)).toEqual(["svc.attitude"]); // B's carry svc.ability too
    if (!p.more) break;
    before = p.more;
  }
  // newest first: the chain's order, latest written first
  expect(seen).toEqual([...levels].reverse());
  await expect(a.stats.myFeed({ before: "yesterday" })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
  // the old form, a rating's millisecond time in the URL, is no page key; nor is a key made up
  await expect(a.stats.myFeed({ before: "1772416800000-12" })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
  await expect(a.stats.myFeed({ before: "A".repeat(40) })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
});

test("this month's summary is the dashboard's staff row; an adopted appeal marks the entry 不予采纳 and leaves the rate", async () => {
  const { deps } = await fresh("2026-03-20T10:00:00+08:00");
  await rateCase(deps, { overall: "satisfied", attitude: "very_satisfied", ability: "satisfied" });
  await rateCase(deps, { overall: "satisfied", attitude: "basic", ability: "satisfied" });
  await rateCase(deps, { overall: "satisfied", attitude: "satisfied", ability: "unsatisfied" });
  const bad = await ratedCase(deps, SERVICE_BAD);
  await rateCase(deps, {
    overall: "unsatisfied",
    attitude: "very_unsatisfied",
    windowCode: "W21",
    staffNo: "TS1201",
    orgCode: "440781102",
    itemCode: "ITEM-0201",
  });
  const admin = await adminCtxAs(deps, "admin-440781");
  const { appealId } = await fileAppeal(
    admin,
    { ratingId: bad.ratingId, indicatorCodes: ["svc.attitude"], reason: "录像显示态度正常" },
    [{ name: "截图.png", bytes: PNG_BYTES }],
  );
  await decideAppeal(await adminCtxAs(deps, "bureau"), {
    appealId,
    outcome: "adopted",
    reason: "证据属实",
  });

  const me = await callerFor(deps, "TS0001");
  const month = await me.stats.myMonth();
  const board = await statsFor(
    { deps, scope: ALL },
    {
      from: "2026-03-01",
      to: "2026-03-31",
      groupBy: "staff",
    },
  );
  const row = board.rows.find((r) => r.key === "TS0001")!;
  expect(month).toEqual({
    month: "2026-03",
    ratings: row.ratings,
    defaults: row.defaults,
    notAdopted: 1,
    goodRate: row.goodRate,
    average: row.average,
  });
  expect(month).toMatchObject({ ratings: 3, goodRate: 0.6667 });
  const feed = await me.stats.myFeed();
  expect(feed.entries.filter((e) => e.notAdopted).map((e) => e.level)).toEqual(["unsatisfied"]);
  expect(feed.entries).toHaveLength(4);
});
