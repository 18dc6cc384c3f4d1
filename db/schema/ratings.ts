import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { cases, ratingStages } from "./cases";

export const LEVELS = ["very_satisfied", "satisfied", "basic", "unsatisfied", "very_unsatisfied"] as const;

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
    stageId: text("stage_id")
      .notNull()
      .references(() => ratingStages.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    stage: text("stage", { enum: ["receipt", "completion"] }).notNull(),
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
    uniqueIndex("ratings_seq_uq").on(t.seq),
    uniqueIndex("ratings_submission_uq").on(t.submissionId),
    uniqueIndex("ratings_stage_uq").on(t.stageId),
    index("ratings_case_idx").on(t.caseId),
    index("ratings_applicant_idx").on(t.applicantId, t.createdAt),
  ],
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
    status: text("status", { enum: ["open", "visited", "rectified", "closed"] }).notNull(),
    dueAt: integer("due_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("work_orders_rating_uq").on(t.ratingId), index("work_orders_status_idx").on(t.status, t.dueAt)],
);
