import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { workOrders } from "./ratings";

/**
 * What the org's desk recorded on a work order (article 21): 回访情况, 核实结果, 整改措施,
 * 已约谈责任人, or 办结. Append-only like 12345's results; both make one timeline.
 */
export const workOrderRecords = sqliteTable(
  "work_order_records",
  {
    id: text("id").primaryKey(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    kind: text("kind", { enum: ["record", "close"] }).notNull(),
    visitText: text("visit_text"),
    /** 核实结果: true 属实, false 不属实, null not stated in this record */
    verified: integer("verified", { mode: "boolean" }),
    measures: text("measures"),
    interviewed: integer("interviewed", { mode: "boolean" }).notNull(),
    accountId: text("account_id").notNull(),
    actorName: text("actor_name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("work_order_records_wo_idx").on(t.workOrderId, t.createdAt)],
);

/** Article 25: a rating or work order marked 涉嫌违纪违法; only the bureau reads the list. */
export const misconductMarks = sqliteTable(
  "misconduct_marks",
  {
    id: text("id").primaryKey(),
    targetKind: text("target_kind", { enum: ["rating", "work_order"] }).notNull(),
    targetId: text("target_id").notNull(),
    orgId: text("org_id"),
    /** sealed: a note about misconduct names people */
    noteEnc: text("note_enc").notNull(),
    accountId: text("account_id").notNull(),
    actorName: text("actor_name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("misconduct_marks_at_idx").on(t.createdAt),
    index("misconduct_marks_target_idx").on(t.targetKind, t.targetId),
  ],
);

/**
 * 督办 (SPEC §9, article 5): the bureau presses the order's org with a note. Append-only; it enters
 * the order's timeline and the org's 待办, and the tasks job texts the org's handlers.
 */
export const superviseNotices = sqliteTable(
  "supervise_notices",
  {
    id: text("id").primaryKey(),
    workOrderId: text("work_order_id")
      .notNull()
      .references(() => workOrders.id),
    orgId: text("org_id"),
    /** the bureau's words to the unit (no rater PII: the bureau writes about the order) */
    note: text("note").notNull(),
    accountId: text("account_id").notNull(),
    actorName: text("actor_name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("supervise_notices_org_idx").on(t.orgId, t.createdAt),
    index("supervise_notices_wo_idx").on(t.workOrderId),
    index("supervise_notices_at_idx").on(t.createdAt),
  ],
);
