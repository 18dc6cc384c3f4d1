import { eq, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { describe, expect, test } from "vitest";

import { accounts, items, orgs, ratingOrgs, ratings, windows } from "@/db/schema";
import { type RatingPlace, seedRatings } from "@/scripts/bench/ratings-desk";
import { perTestDeps } from "@/tests/db";
import { plansOf } from "@/tests/query-plans";
import { completedCase } from "@/tests/rating-fixtures";
import { releaseUpTo } from "@/tests/releases";
import { badlyRated, PLACES } from "@/tests/workorder-fixtures";

import { type Scope, scopeOf } from "../access/scope";
import type { Deps } from "../deps";
import { recordHotlineRating } from "../hotline/hotline.service";
import { writeDefaults } from "../jobs/defaults.job";
import { ZRatingQuery } from "./ratingdesk.schema";
import { listRatings } from "./ratingdesk.service";

const fresh = perTestDeps();

/** bench:admin's three places (台山市 60 %, 台城街道 20 %, 大江镇 20 %), by the demo's codes */
async function places(deps: Deps): Promise<RatingPlace[]> {
  const db = deps.database.db;
  const out: RatingPlace[] = [];
  for (const [w, i, o] of [
    ["W01", "ITEM-0001", "440781"],
    ["W11", "ITEM-0101", "440781101"],
    ["W21", "ITEM-0201", "440781102"],
  ] as const) {
    const [win] = await db.select().from(windows).where(eq(windows.code, w));
    const [item] = await db.select().from(items).where(eq(items.code, i));
    const [org] = await db.select().from(orgs).where(eq(orgs.code, o));
    const s = await deps.database.client.execute({
      sql: "select id from staff where window_id = ? limit 1",
      args: [win!.id],
    });
    out.push({
      windowId: win!.id,
      orgId: org!.id,
      itemId: item!.id,
      staffId: (s.rows[0]?.id as string | undefined) ?? null,
    });
  }
  return out;
}

async function scopeOfLogin(deps: Deps, login: string): Promise<Scope> {
  const [a] = await deps.database.db.select().from(accounts).where(eq(accounts.login, login));
  return scopeOf(deps.database.db, { role: a!.role, orgId: a!.orgId });
}

/** 3 000 ratings over three years, bulk-loaded as bench:admin loads them, with the planner's statistics */
async function loaded(deps: Deps) {
  const c = await completedCase(deps);
  await seedRatings(deps.database, c.applicantId, await places(deps), 0, 3000, deps.clock.now());
  return {
    bureau: await scopeOfLogin(deps, "bureau"),
    taicheng: await scopeOfLogin(deps, "admin-440781101"),
    dajiang: await scopeOfLogin(deps, "admin-440781102"),
  };
}

/** The plan of the list's statement (the one reading ratings), one line per step. */
async function planOf(deps: Deps, scope: Scope, raw: Record<string, string>): Promise<string[]> {
  const [first] = await plansOf(deps, /from "(ratings)"/, () =>
    listRatings({ deps, scope }, ZRatingQuery.parse(raw)),
  );
  if (!first) throw new Error("no statement on ratings");
  return first.plan;
}

describe("评价记录 reads an index in its own order (DESIGN §8, issue 26 item 8)", () => {
  test("an org admin's pages walk rating_orgs_list_idx newest first: the scope is checked in the index, no sort, no scan", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const s = await loaded(deps);
    const first = await listRatings({ deps, scope: s.dajiang }, ZRatingQuery.parse({}));
    const plans = {
      dajiangFirst: await planOf(deps, s.dajiang, {}),
      taichengFirst: await planOf(deps, s.taicheng, {}),
      dajiangPage2: await planOf(deps, s.dajiang, { after: first.next! }),
      bureauOrgFilter: await planOf(deps, s.bureau, { org: "440781102" }),
    };
    console.log(JSON.stringify(plans, null, 1));
    for (const [name, plan] of Object.entries(plans)) {
      const all = `${name}: ${plan.join(" | ")}`;
      // the outer loop is the covering index, in the list's order: the org is read from the index entry
      expect(plan[0], all).toMatch(
        /^(SCAN|SEARCH) rating_orgs USING COVERING INDEX rating_orgs_list_idx\b/,
      );
      // a rating (and its case) is read only once its entry is in scope: by its key, one row each
      expect(plan[1], all).toBe("SEARCH ratings USING INDEX sqlite_autoindex_ratings_1 (id=?)");
      expect(
        plan.some((l) => /TEMP B-TREE/.test(l)),
        all,
      ).toBe(false);
      expect(
        plan.some((l) => /^SCAN (ratings|cases)\b/.test(l)),
        all,
      ).toBe(false);
    }
    // the cursor is a range on the same index, not a filter over the pages before it
    expect(plans.dajiangPage2[0]).toMatch(
      /rating_orgs_list_idx \(\(created_at,rating_id\)<\(\?,\?\)\)$/,
    );
    // the bureau's own first page stays on the ratings' list index
    expect((await planOf(deps, s.bureau, {}))[0]).toBe(
      "SCAN ratings USING INDEX ratings_created_id_idx",
    );
  });

  test("an org admin's pages list exactly the scope's ratings, newest first, each once, as their cases say", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const s = await loaded(deps);
    for (const [scope, orgIds] of [
      [s.dajiang, s.dajiang.orgIds!],
      [s.taicheng, s.taicheng.orgIds!],
    ] as const) {
      // what the scope means, read through the cases
      const want = await deps.database.db.all<{ id: string }>(
        sql`select r.id from ratings r join cases c on c.id = r.case_id where c.org_id in ${orgIds} order by r.created_at desc, r.id desc`,
      );
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await listRatings(
          { deps, scope },
          ZRatingQuery.parse({ limit: "100", ...(after ? { after } : {}) }),
        );
        seen.push(...page.rows.map((r) => r.id));
        after = page.next;
      } while (after);
      expect(seen.length).toBeGreaterThan(500);
      expect(seen).toEqual(want.map((r) => r.id));
    }
  });
});

describe("rating_orgs (migration 0023): every rating of a case, by every writer, and only those", () => {
  test("the rater's, the default job's and a bulk load's ratings have their case's org; a 12345 call's none; never changed", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const bad = await badlyRated(deps, "W21");
    const pending = await completedCase(deps, { case: PLACES.W11 });
    const call = await recordHotlineRating(deps, "client", {
      callId: "call-rating-orgs",
      occurredAt: "2026-03-02T10:00:00+08:00",
      operatorNo: "H0001",
      channel: "phone",
      level: "satisfied",
      caller: { name: "黄秀英", phone: "13800138000" },
    });
    clock.set("2026-03-10T00:00:00+08:00");
    expect(await writeDefaults(deps)).toBeGreaterThan(0);
    const db = deps.database.db;
    const mismatched = await db.all<{ id: string }>(
      sql`select r.id from ratings r left join cases c on c.id = r.case_id left join rating_orgs ro on ro.rating_id = r.id
          where ro.org_id is not c.org_id or ro.created_at is not (case when c.id is null then null else r.created_at end)`,
    );
    expect(mismatched).toEqual([]);
    const [dajiang] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, "440781102"));
    expect(await db.select().from(ratingOrgs).where(eq(ratingOrgs.ratingId, bad.ratingId))).toEqual(
      [{ ratingId: bad.ratingId, createdAt: expect.any(Number) as number, orgId: dajiang!.id }],
    );
    const defaulted = await db
      .select({ id: ratings.id })
      .from(ratings)
      .where(eq(ratings.caseId, pending.caseId));
    expect(defaulted.length).toBeGreaterThan(0);
    expect(await db.$count(ratingOrgs, eq(ratingOrgs.ratingId, call.ratingId))).toBe(0);
    const mine = eq(ratingOrgs.ratingId, bad.ratingId);
    await expect(db.update(ratingOrgs).set({ orgId: "elsewhere" }).where(mine)).rejects.toThrow();
    await expect(db.delete(ratingOrgs).where(mine)).rejects.toThrow();
  });

  test("a database whose ratings were written before 0023 gets each one's org on its next start", async () => {
    const { deps } = await fresh("2026-03-02T10:00:00+08:00");
    const client = deps.database.client;
    // the database as the release before 0023 left it (drizzle's journal rows have no id: by time);
    // later migrations' objects stay, and the release that brought 0023 (its migrations, no later) upgrades it
    const upTo0023 = releaseUpTo("0023_rating_orgs");
    for (const stmt of [
      "drop trigger ratings_org_after_insert",
      "drop table rating_orgs",
      `delete from __drizzle_migrations where created_at >= ${upTo0023.when}`,
    ])
      await client.execute(stmt);
    const before = [await badlyRated(deps, "W21"), await badlyRated(deps, "W11")];
    await migrate(deps.database.db, { migrationsFolder: upTo0023.folder });
    const rows = await deps.database.db.all<{ rating_id: string; code: string; same_time: number }>(
      sql`select ro.rating_id, o.code, ro.created_at = r.created_at as same_time
          from rating_orgs ro join orgs o on o.id = ro.org_id join ratings r on r.id = ro.rating_id order by o.code`,
    );
    expect(rows).toEqual([
      { rating_id: before[1]!.ratingId, code: "440781101", same_time: 1 },
      { rating_id: before[0]!.ratingId, code: "440781102", same_time: 1 },
    ]);
    // and the trigger is back for what comes after
    const after = await badlyRated(deps, "W21");
    expect(await deps.database.db.$count(ratingOrgs, eq(ratingOrgs.ratingId, after.ratingId))).toBe(
      1,
    );
  });
});
