import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { items, orgs, staff, terminals, windows } from "./catalog";

/** Applicants: every piece of PII sealed (AES-GCM); found through blind indexes only. */
export const applicants = sqliteTable(
  "applicants",
  {
    id: text("id").primaryKey(),
    type: text("type", { enum: ["person", "enterprise"] }).notNull(),
    idHash: text("id_hash").notNull(),
    phoneHash: text("phone_hash").notNull(),
    /**
     * name, ID number, phone and agent sealed once as one JSON value (server/cases/applicant-pii.ts);
     * null only on a row made before 0025 that the upgrade step has not re-sealed yet
     */
    piiEnc: text("pii_enc"),
    /** before 0025 each field was sealed alone; the upgrade step moves them into pii_enc and empties these */
    nameEnc: text("name_enc"),
    idNumberEnc: text("id_number_enc"),
    phoneEnc: text("phone_enc"),
    agentNameEnc: text("agent_name_enc"),
    createdAt: integer("created_at").notNull(),
    /** PII retention erased the name, ID number and phone (server/jobs/retention.job.ts) */
    erasedAt: integer("erased_at"),
  },
  (t) => [
    // one applicant per (type, ID number): a returning person is the same row; also /me by ID number
    uniqueIndex("applicants_type_id_uq").on(t.type, t.idHash),
    index("applicants_phone_idx").on(t.phoneHash),
    // no index on id_hash alone: the unique key serves it with `type in (…)` (server/me/me.scope.ts);
    // a second random-keyed index cost bulk intake ~15 % (migration 0018)
    index("applicants_retention_idx")
      .on(t.createdAt)
      .where(sql`erased_at is null`),
  ],
);

export const CASE_CHANNELS = ["window", "online_pc", "online_mobile", "terminal"] as const;
export const CASE_STATUSES = [
  "received",
  "receipt_failed",
  "accepted",
  "acceptance_failed",
  "decided",
  "certificate_issued",
  "completed",
] as const;

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    serialNo: text("serial_no").notNull(),
    itemId: text("item_id")
      .notNull()
      .references(() => items.id),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    channel: text("channel", { enum: CASE_CHANNELS }).notNull(),
    needsCertificate: integer("needs_certificate", { mode: "boolean" }).notNull(),
    windowId: text("window_id").references(() => windows.id),
    staffId: text("staff_id").references(() => staff.id),
    terminalId: text("terminal_id").references(() => terminals.id),
    batchNo: text("batch_no"),
    themeNo: text("theme_no"),
    themeName: text("theme_name"),
    applicantId: text("applicant_id")
      .notNull()
      .references(() => applicants.id),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    decision: text("decision", { enum: ["approved", "rejected", "returned"] }),
    completedAt: integer("completed_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // one case per 办件流水号; every event finds its case through it
    uniqueIndex("cases_serial_uq").on(t.serialNo),
    index("cases_window_idx").on(t.windowId, t.updatedAt),
    index("cases_applicant_idx").on(t.applicantId),
    // most cases belong to no batch and no theme: a partial index takes no entry for them
    // (migration 0027; `batch_no = ?` implies the condition, so its plan still reads it)
    index("cases_batch_idx")
      .on(t.batchNo)
      .where(sql`batch_no is not null`),
    index("cases_theme_idx")
      .on(t.themeNo)
      .where(sql`theme_no is not null`),
  ],
);

/** Append-only: what a business system told us, PII sealed; the first answer is kept for replays. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    clientId: text("client_id").notNull(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    type: text("type").notNull(),
    occurredAt: integer("occurred_at").notNull(),
    decision: text("decision", { enum: ["approved", "rejected", "returned"] }),
    windowId: text("window_id").references(() => windows.id),
    staffId: text("staff_id").references(() => staff.id),
    bodyHash: text("body_hash").notNull(),
    payloadEnc: text("payload_enc").notNull(),
    answer: text("answer").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    // idempotency: an eventId answers its first answer, never a second row
    uniqueIndex("case_events_event_uq").on(t.eventId),
    index("case_events_case_idx").on(t.caseId),
  ],
);

export const STAGES = ["receipt", "completion"] as const;
export const STAGE_STATUSES = ["pending", "open", "rated", "defaulted", "not_open"] as const;

export const ratingStages = sqliteTable(
  "rating_stages",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    stage: text("stage", { enum: STAGES }).notNull(),
    status: text("status", { enum: STAGE_STATUSES }).notNull(),
    opensAt: integer("opens_at"),
    closesAt: integer("closes_at"),
    windowId: text("window_id").references(() => windows.id),
    staffId: text("staff_id").references(() => staff.id),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // one receipt and one completion stage per case (a rating is given once per stage)
    uniqueIndex("rating_stages_case_stage_uq").on(t.caseId, t.stage),
    index("rating_stages_due_idx").on(t.status, t.closesAt),
  ],
);
