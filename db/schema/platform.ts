import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Working-day calendar (Asia/Shanghai dates); 调休 make-up days are workdays. */
export const calendarDays = sqliteTable("calendar_days", {
  date: text("date").primaryKey(),
  workday: integer("workday", { mode: "boolean" }).notNull(),
  note: text("note").notNull(),
});

/** Systems that call the v1 API; only a hash of the key is kept. */
export const integrationClients = sqliteTable(
  "integration_clients",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["cases", "hotline", "stats", "metrics"] }).notNull(),
    keyHash: text("key_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    rotatedAt: integer("rotated_at"),
  },
  (t) => [
    uniqueIndex("integration_clients_key_uq").on(t.keyHash),
    uniqueIndex("integration_clients_name_uq").on(t.name),
  ],
);

/** Jobs run in the server and in `npm run jobs`: a lease makes one process run a job at a time. */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  until: integer("until").notNull(),
  lastRunAt: integer("last_run_at"),
});
