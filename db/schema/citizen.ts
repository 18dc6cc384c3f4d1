import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { FIX_LEVELS, LEVELS } from "../../server/ratings/vocabulary";
import { cases } from "./cases";
import { ratings, workOrders } from "./ratings";

/**
 * 追加评价 (SPEC §3): one per rated stage, kept beside the first rating, which is never touched
 * (ratings are chained and append-only). Append-only too (triggers). An appended 差评 on a stage
 * rated well opens a work order (`workOrderId`).
 */
export const appendedRatings = sqliteTable(
  "appended_ratings",
  {
    id: text("id").primaryKey(),
    ratingId: text("rating_id")
      .notNull()
      .references(() => ratings.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    applicantId: text("applicant_id").notNull(),
    level: text("level", { enum: LEVELS }),
    text: text("text").notNull(),
    bad: integer("bad", { mode: "boolean" }).notNull(),
    workOrderId: text("work_order_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("appended_ratings_rating_uq").on(t.ratingId),
    index("appended_ratings_case_idx").on(t.caseId),
  ],
);

/** 评价整改结果 (SPEC §9): the rater rates a closed work order's fix once; 不满意 reopened it. Append-only. */
export const fixRatings = sqliteTable(
  "fix_ratings",
  {
    id: text("id").primaryKey(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    applicantId: text("applicant_id").notNull(),
    level: text("level", { enum: FIX_LEVELS }).notNull(),
    reopened: integer("reopened", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  // the 通报's reopened orders of a period (server/reports/report.followups.ts; migration 0017)
  (t) => [
    uniqueIndex("fix_ratings_work_order_uq").on(t.workOrderId),
    index("fix_ratings_reopened_idx").on(t.reopened, t.createdAt),
  ],
);

/**
 * 意见反馈 (SPEC §4): from a person turned away (failed receipt or acceptance) to 12345. Not a
 * rating: no figure reads this table. The text may name people, so it is sealed like PII.
 */
export const feedback = sqliteTable(
  "feedback",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    applicantId: text("applicant_id").notNull(),
    textEnc: text("text_enc").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("feedback_case_uq").on(t.caseId)],
);
