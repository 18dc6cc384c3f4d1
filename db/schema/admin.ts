import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Who did what, when and why in the back office (SPEC §9 "Access and audit"): every reveal of
 * PII, record, mark, decision, publication, change of settings, keys or people, and every failed
 * sign-in. Append-only (triggers); a reason or detail that may name a person is sealed like PII.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    /** account id, or "system" / "anonymous" */
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    /** e.g. "work_order:01J…", "account:admin-440781" */
    target: text("target"),
    /** the org the target belongs to, for the bureau's filters */
    orgId: text("org_id"),
    reasonEnc: text("reason_enc"),
    detail: text("detail"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_action_idx").on(t.action, t.at),
  ],
);

/** Bureau settings (thresholds, retention …) as JSON values; an absent key takes its default. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});
