import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { orgs, staff } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { hotlineCall } from "@/tests/factories";
import { plansOfEvery, readsThrough } from "@/tests/query-plans";
import { completedBatch, completedCase, completedTheme } from "@/tests/rating-fixtures";
import { rateCase } from "@/tests/stats-fixtures";
import { badlyRated } from "@/tests/workorder-fixtures";

import { myWindowCases } from "./auth/staff-cases.service";
import { storedApplicantsOf, storedEventIds, storedSerials } from "./cases/cases.batch";
import { getCaseView } from "./cases/cases.service";
import type { Deps } from "./deps";
import { findCoercion } from "./flags/flags.job";
import { ZHotlineRating } from "./hotline/hotline.schema";
import { recordHotlineRating } from "./hotline/hotline.service";
import { flagOverdue } from "./jobs/deadlines.job";
import { writeDefaults } from "./jobs/defaults.job";
import { erasePastRetention } from "./jobs/retention.job";
import { myCases } from "./me/me.service";
import { dueMessages, listSms } from "./outbox/outbox.service";
import { ALL, statsFor } from "./stats/stats.service";
import { ZWorkOrderQuery } from "./workorders/desk.schema";
import { listWorkOrders } from "./workorders/desk.service";

const fresh = perTestDeps();

/**
 * Every intake event or rating writes a row into each index of these tables, so each one is
 * here because a query's plan reads it (issue 25): the real code runs and its plans are read. A
 * unique index holds a rule (idempotency, one row per key) and stays even where no plan reads it.
 * Read elsewhere with their own plan tests: rating_orgs_list_idx (ratingdesk.plans.test.ts),
 * ratings_staff_created_idx (stats.plans.test.ts); ratings_stage_uq is a rule only (one rating
 * per stage). Dropped in 0026, read by no plan: ratings (device_hash, created_at) and
 * (applicant_id, created_at), work_orders (status, due_at).
 */
const KEPT: Record<string, string[]> = {
  applicants: ["applicants_type_id_uq", "applicants_phone_idx", "applicants_retention_idx"],
  cases: [
    "cases_serial_uq",
    "cases_window_idx",
    "cases_applicant_idx",
    "cases_batch_idx",
    "cases_theme_idx",
  ],
  case_events: ["case_events_event_uq", "case_events_case_idx"],
  rating_stages: ["rating_stages_case_stage_uq", "rating_stages_due_idx"],
  ratings: [
    "ratings_seq_uq",
    "ratings_submission_uq",
    "ratings_stage_uq",
    "ratings_call_uq",
    "ratings_case_idx",
    "ratings_window_created_idx",
    "ratings_created_id_idx",
    "ratings_staff_created_idx",
  ],
  rating_orgs: ["rating_orgs_list_idx"],
  work_orders: [
    "work_orders_rating_uq",
    "work_orders_desk_idx",
    "work_orders_org_desk_idx",
    "work_orders_created_idx",
    "work_orders_case_idx",
    "work_orders_org_created_idx",
  ],
  outbox: ["outbox_dedupe_uq", "outbox_due_idx", "outbox_recipient_idx"],
};

test("the write path's tables hold exactly the indexes listed (the rollups: their primary keys only)", async () => {
  const { deps } = await fresh();
  const rows = await deps.database.client.execute(`select tbl_name, name from sqlite_master
    where type = 'index' and name not like 'sqlite_autoindex_%'
      and (tbl_name in (${Object.keys(KEPT)
        .map((t) => `'${t}'`)
        .join(", ")}) or tbl_name like 'stats_%')`);
  const held: Record<string, string[]> = {};
  for (const r of rows.rows) (held[r.tbl_name as string] ??= []).push(r.name as string);
  const sorted = (o: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(o).map(([t, names]) => [t, [...names].sort()]));
  expect(sorted(held)).toEqual({
    ...sorted(KEPT),
    stats_publications: ["stats_publications_period_version_uq"],
  });
});

const bureauOrgId = async (deps: Deps, code: string) =>
  (await deps.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code)))[0]!.id;

/** What each kept index is read by: the code that runs the query whose plan must read it. */
const READERS: [string, string[], (deps: Deps) => Promise<unknown>][] = [
  [
    "intake: the replay, the applicant, the case, its events and stages; the case view",
    [
      "case_events_event_uq",
      "applicants_type_id_uq",
      "cases_serial_uq",
      "case_events_case_idx",
      "rating_stages_case_stage_uq",
      "work_orders_case_idx",
    ],
    async (deps) => {
      const c = await completedCase(deps);
      return getCaseView(deps.database.db, c.serialNo, deps.clock.now());
    },
  ],
  [
    "a batch's and a theme's code: their cases",
    ["cases_batch_idx", "cases_theme_idx"],
    async (deps) => {
      await completedBatch(deps, 2);
      await completedTheme(deps, ["ITEM-0001", "ITEM-0002"]);
    },
  ],
  [
    "a rating: its replay, its stage's earlier rating, the chain's head",
    ["ratings_submission_uq", "ratings_case_idx", "ratings_seq_uq"],
    (deps) => rateCase(deps, { overall: "very_satisfied" }),
  ],
  [
    "/me: a person's cases, their ratings and work orders; the SMS list by phone",
    [
      "applicants_phone_idx",
      "cases_applicant_idx",
      "ratings_case_idx",
      "work_orders_rating_uq",
      "outbox_recipient_idx",
    ],
    async (deps) => {
      const c = await badlyRated(deps, "W21");
      const { phone } = c.event.case.applicant;
      const me = { kind: "phone" as const, hash: deps.pii.blindIndex("phone", phone), masked: "" };
      await myCases(deps, me, "zh-CN");
      await listSms(deps, phone);
    },
  ],
  [
    "a 12345 call's rating, sent twice; the coercion flags over a day of ratings",
    ["ratings_call_uq", "ratings_created_id_idx"],
    async (deps) => {
      const call = ZHotlineRating.parse(hotlineCall("call-plans"));
      await recordHotlineRating(deps, "test", call);
      await recordHotlineRating(deps, "test", call);
      await findCoercion(deps);
    },
  ],
  [
    "the window's own cases at /staff",
    ["cases_window_idx"],
    async (deps) => {
      await completedCase(deps);
      const [s] = await deps.database.db.select().from(staff).where(eq(staff.staffNo, "TS0001"));
      const session = { accountId: "t", role: "staff" as const, staffId: s!.id, orgId: null };
      await myWindowCases(deps, { ...session, displayName: "t" });
    },
  ],
  [
    "the jobs: defaults of closed stages, the outbox's due messages, PII retention",
    ["rating_stages_due_idx", "outbox_due_idx", "applicants_retention_idx"],
    async (deps) => {
      await writeDefaults(deps);
      await dueMessages(deps, "sms", deps.clock.now());
      await erasePastRetention(deps);
    },
  ],
  [
    "the work-order desk (all, one org, one window) and article 23's work-order figures",
    [
      "work_orders_desk_idx",
      "work_orders_org_desk_idx",
      "ratings_window_created_idx",
      "work_orders_created_idx",
      "work_orders_org_created_idx",
    ],
    async (deps) => {
      await badlyRated(deps, "W21");
      const one = { all: false as const, orgIds: [await bureauOrgId(deps, "440781102")] };
      await listWorkOrders({ deps, scope: ALL }, ZWorkOrderQuery.parse({}));
      await listWorkOrders({ deps, scope: one }, ZWorkOrderQuery.parse({}));
      await listWorkOrders({ deps, scope: ALL }, ZWorkOrderQuery.parse({ window: "W21" }));
      const month = { from: "2026-03-01", to: "2026-03-31", groupBy: "org" } as const;
      await statsFor({ deps, scope: ALL }, month);
      await statsFor({ deps, scope: one }, month);
    },
  ],
];

test("the batch's fast path finds stored events, cases and applicants by their unique indexes", async () => {
  const { deps } = await fresh();
  const plan = async (text: string) =>
    (
      await deps.database.client.execute({ sql: `explain query plan ${text}`, args: ["a", "b"] })
    ).rows
      .map((r) => r.detail as string)
      .join("\n");
  // these run on the insert worker's connection (db/off-thread.ts), which plansOfEvery cannot see
  expect(await plan(storedEventIds.text(2))).toMatch(
    /SEARCH case_events USING COVERING INDEX case_events_event_uq/,
  );
  expect(await plan(storedSerials.text(2))).toMatch(
    /SEARCH cases USING COVERING INDEX cases_serial_uq/,
  );
  expect(await plan(storedApplicantsOf.text(2))).toMatch(
    /SEARCH applicants USING INDEX applicants_type_id_uq \(type=\? AND id_hash=\?\)/,
  );
});

test("the deadlines job finds the open orders past due on the desk's index, not by a scan", async () => {
  const { deps } = await fresh("2026-03-20T10:00:00+08:00");
  await badlyRated(deps, "W21");
  const plans = (await plansOfEvery(deps, () => flagOverdue(deps))).filter((p) =>
    /^\s*update "?work_orders/i.test(p.sql),
  );
  expect(plans.length).toBe(1);
  expect(readsThrough(plans, "work_orders_desk_idx")).not.toEqual([]);
  expect(plans[0]!.plan.join("\n")).not.toMatch(/SCAN work_orders\b(?! USING)/);
});

describe("each kept index is read by a query the product runs (EXPLAIN QUERY PLAN)", () => {
  test.each(READERS)("%s", async (_name, indexes, run) => {
    const { deps } = await fresh("2026-03-20T10:00:00+08:00");
    const plans = await plansOfEvery(deps, () => run(deps));
    for (const index of indexes)
      expect(readsThrough(plans, index), `${index} in no plan of ${plans.length}`).not.toEqual([]);
  });
});
