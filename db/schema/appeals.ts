import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { ratings } from "./ratings";

/**
 * Article 22 appeals: an org admin appeals the service part of a rating (the window staff's or
 * the 12345 operator's 服务态度 / 服务能力). One appeal per rating part, ever (a decided one is
 * final); append-only (triggers), like the files and decisions below.
 */
export const appeals = sqliteTable(
  "appeals",
  {
    id: text("id").primaryKey(),
    ratingId: text("rating_id")
      .notNull()
      .references(() => ratings.id),
    /** the part appealed: only "service" exists (article 22) */
    part: text("part", { enum: ["service"] }).notNull(),
    /** JSON array of the indicator codes appealed (svc.attitude, svc.ability) */
    indicators: text("indicators").notNull(),
    /** the org of the staff rated (or the org that runs 12345): the scope of the appeal */
    orgId: text("org_id").notNull(),
    staffId: text("staff_id"),
    windowId: text("window_id"),
    operatorNo: text("operator_no"),
    /** 申诉理由, the org's words about its own staff */
    reason: text("reason").notNull(),
    filedBy: text("filed_by").notNull(),
    filedByName: text("filed_by_name").notNull(),
    filedAt: integer("filed_at").notNull(),
  },
  (t) => [
    uniqueIndex("appeals_rating_part_uq").on(t.ratingId, t.part),
    index("appeals_org_idx").on(t.orgId, t.filedAt),
    index("appeals_filed_idx").on(t.filedAt),
  ],
);

/** 证明材料: the bytes live in data/files/<sha256> (server/files), never in the database. */
export const appealFiles = sqliteTable(
  "appeal_files",
  {
    id: text("id").primaryKey(),
    appealId: text("appeal_id")
      .notNull()
      .references(() => appeals.id),
    sha256: text("sha256").notNull(),
    name: text("name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sort: integer("sort").notNull(),
  },
  (t) => [
    index("appeal_files_appeal_idx").on(t.appealId, t.sort),
    index("appeal_files_sha_idx").on(t.sha256),
  ],
);

/**
 * The bureau's 采纳 / 驳回, one per appeal (unique: a decision is final), append-only. An adopted
 * appeal's rating has its service part marked 不予采纳; statistics read adopted decisions here
 * (indexed by rating and by outcome and time), with the staff, window and org they concern.
 */
export const appealDecisions = sqliteTable(
  "appeal_decisions",
  {
    id: text("id").primaryKey(),
    appealId: text("appeal_id")
      .notNull()
      .references(() => appeals.id),
    ratingId: text("rating_id")
      .notNull()
      .references(() => ratings.id),
    outcome: text("outcome", { enum: ["adopted", "rejected"] }).notNull(),
    reason: text("reason").notNull(),
    orgId: text("org_id").notNull(),
    staffId: text("staff_id"),
    windowId: text("window_id"),
    decidedBy: text("decided_by").notNull(),
    decidedByName: text("decided_by_name").notNull(),
    decidedAt: integer("decided_at").notNull(),
  },
  (t) => [
    uniqueIndex("appeal_decisions_appeal_uq").on(t.appealId),
    index("appeal_decisions_rating_idx").on(t.ratingId, t.outcome),
    index("appeal_decisions_outcome_idx").on(t.outcome, t.decidedAt),
  ],
);

/**
 * Article 4 coercion flags (SPEC §9), found by the flags job: `device` one device rating cases of
 * 3+ applicants within 24 h; `window_fast` most of a window's 非常满意 of a day arriving within 60 s
 * of completion. `evidence` is JSON naming cases and times, never a rater. A flag never changes a
 * rating; the bureau marks it reviewed with a note (audited).
 */
export const coercionFlags = sqliteTable(
  "coercion_flags",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["device", "window_fast"] }).notNull(),
    /** what makes the flag unique, so the job is idempotent: device hash + first rating, or window + day */
    key: text("key").notNull(),
    orgId: text("org_id"),
    windowId: text("window_id"),
    /** Asia/Shanghai day of the first rating in the evidence */
    day: text("day").notNull(),
    evidence: text("evidence").notNull(),
    detectedAt: integer("detected_at").notNull(),
    reviewedAt: integer("reviewed_at"),
    reviewedBy: text("reviewed_by"),
    reviewNote: text("review_note"),
  },
  (t) => [
    uniqueIndex("coercion_flags_kind_key_uq").on(t.kind, t.key),
    index("coercion_flags_detected_idx").on(t.reviewedAt, t.detectedAt),
  ],
);
