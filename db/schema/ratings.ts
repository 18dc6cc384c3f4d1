import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { LEVELS } from "../../server/ratings/vocabulary";
import { cases, ratingStages } from "./cases";

/**
 * A rating is never updated or deleted (triggers enforce it). Each is chained to the one before
 * by hash (seq, prevHash, hash), written in the same transaction. `scores` holds the indicator
 * levels, tag codes and texts as JSON; the catalogue version they refer to is kept beside them.
 */
export const ratings = sqliteTable(
  "ratings",
  {
    id: text("id").primaryKey(),
    seq: integer("seq").notNull(),
    submissionId: text("submission_id").notNull(),
    /** null for a 12345 call rating, which has no case */
    stageId: text("stage_id").references(() => ratingStages.id),
    caseId: text("case_id").references(() => cases.id),
    stage: text("stage", { enum: ["receipt", "completion", "call"] }).notNull(),
    callId: text("call_id"),
    applicantId: text("applicant_id"),
    source: text("source", { enum: ["rater", "default", "hotline"] }).notNull(),
    channel: text("channel").notNull(),
    proof: text("proof"),
    catalogVersion: integer("catalog_version").notNull(),
    overallLevel: text("overall_level", { enum: LEVELS }),
    bad: integer("bad", { mode: "boolean" }).notNull(),
    scores: text("scores").notNull(),
    batchNo: text("batch_no"),
    themeNo: text("theme_no"),
    staffId: text("staff_id"),
    windowId: text("window_id"),
    deviceHash: text("device_hash"),
    createdAt: integer("created_at").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    // unique keys hold rules, whether or not a query reads through them: the chain's one order,
    // a phone's submission answered once (idempotency), one rating per stage, one per 12345 call
    uniqueIndex("ratings_seq_uq").on(t.seq),
    uniqueIndex("ratings_submission_uq").on(t.submissionId),
    uniqueIndex("ratings_stage_uq").on(t.stageId),
    uniqueIndex("ratings_call_uq").on(t.callId),
    // a stage's rating on submission, a case's ratings on /me (migration 0026 dropped the
    // (applicant_id, created_at) and (device_hash, created_at) indexes: no query's plan used them,
    // and every rating paid for both; the coercion flags read a day's range of ratings_created_id_idx)
    index("ratings_case_idx").on(t.caseId),
    // the work-order desk's and the reports' window filter
    index("ratings_window_created_idx").on(t.windowId, t.createdAt),
    // 评价记录 pages newest first on (created_at, id) (migration 0021); period counts use its prefix
    index("ratings_created_id_idx").on(t.createdAt, t.id),
    // a staff member's own feed at /staff (migration 0013)
    index("ratings_staff_created_idx").on(t.staffId, t.createdAt),
  ],
);

/**
 * The org each rating of a case counts under (its case's), keyed so that 评价记录 walks an org
 * admin's scope newest first on one index: rating_orgs_list_idx holds (created_at, rating_id,
 * org_id), so the scope is checked in the index and only the page's own ratings are read. Through
 * the case instead, a town whose ratings are one in five read five ratings and five cases per row
 * shown, scattered across a million-row table (bench:admin: 1.7–1.8× the time at 10 000 ratings).
 * Written by a trigger on `ratings` (migration 0023) in the rating's own statement, so every
 * writer — the one writer's append, the default job's batches, a bulk load — keeps it, with no
 * round trip of its own; never updated or deleted, as a rating is not (a case keeps its org).
 * The table is WITHOUT ROWID in SQL (drizzle cannot say so): one b-tree on rating_id.
 */
export const ratingOrgs = sqliteTable(
  "rating_orgs",
  {
    ratingId: text("rating_id").primaryKey(),
    createdAt: integer("created_at").notNull(),
    orgId: text("org_id").notNull(),
  },
  (t) => [index("rating_orgs_list_idx").on(t.createdAt, t.ratingId, t.orgId)],
);

/** Article 21: a bad rating opens a work order in the same transaction. */
export const workOrders = sqliteTable(
  "work_orders",
  {
    id: text("id").primaryKey(),
    ratingId: text("rating_id")
      .notNull()
      .references(() => ratings.id),
    caseId: text("case_id").references(() => cases.id),
    orgId: text("org_id"),
    status: text("status", {
      enum: ["open", "visited", "rectified", "closed", "not_adopted"],
    }).notNull(),
    dueAt: integer("due_at").notNull(),
    overdueAt: integer("overdue_at"),
    createdAt: integer("created_at").notNull(),
    /** the rater ticked 同意回访: the phone goes to 12345 and shows on the desk (SPEC §9) */
    contactConsent: integer("contact_consent", { mode: "boolean" }).notNull().default(false),
    /** 1 once closed or not adopted: the desk lists open orders first, by deadline, on one index */
    done: integer("done").notNull().default(0),
    endedAt: integer("ended_at"),
    /** why it opened (SPEC §9): `service` — a service part 差评 under a good 总体评价 (article 6); else `overall` */
    basis: text("basis", { enum: ["overall", "service"] })
      .notNull()
      .default("overall"),
  },
  (t) => [
    // one work order per rating (a rating replayed never opens a second); /me reads it too
    uniqueIndex("work_orders_rating_uq").on(t.ratingId),
    // (status, due_at) was dropped in 0026: the desk filters status under done, on its own index
    index("work_orders_desk_idx").on(t.done, t.dueAt, t.id),
    index("work_orders_org_desk_idx").on(t.orgId, t.done, t.dueAt, t.id),
    index("work_orders_created_idx").on(t.createdAt),
    index("work_orders_case_idx").on(t.caseId),
    // article 23's work-order figures are counted from here by period and org (migration 0013)
    index("work_orders_org_created_idx").on(t.orgId, t.createdAt),
  ],
);

/** What 12345 reported back (article 21): append-only, idempotent on resultId. */
export const workOrderResults = sqliteTable(
  "work_order_results",
  {
    id: text("id").primaryKey(),
    resultId: text("result_id").notNull(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    status: text("status", { enum: ["visited", "rectified", "closed"] }).notNull(),
    verified: integer("verified", { mode: "boolean" }),
    text: text("text").notNull(),
    bodyHash: text("body_hash").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("work_order_results_result_uq").on(t.resultId),
    index("work_order_results_wo_idx").on(t.workOrderId),
  ],
);

/** A 12345 call that was rated (article 15/19): the caller's details sealed like any PII. */
export const hotlineCalls = sqliteTable(
  "hotline_calls",
  {
    id: text("id").primaryKey(),
    callId: text("call_id").notNull(),
    operatorNo: text("operator_no").notNull(),
    channel: text("channel", { enum: ["phone", "sms"] }).notNull(),
    callerNameEnc: text("caller_name_enc"),
    callerPhoneEnc: text("caller_phone_enc").notNull(),
    bodyHash: text("body_hash").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("hotline_calls_call_uq").on(t.callId)],
);
