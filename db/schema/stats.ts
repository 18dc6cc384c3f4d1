import { integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Article 23 rollups (DESIGN §8), kept by the one writer in the same transaction as each rating.
 * `day` is the Shanghai day number (days since 1970-01-01 in UTC+8); '' stands for "none".
 * `part`: whole rating, its service part, or a service part not adopted on appeal (article 22).
 */
export const statsDaily = sqliteTable(
  "stats_daily",
  {
    day: integer("day").notNull(),
    orgId: text("org_id").notNull(),
    itemId: text("item_id").notNull(),
    windowId: text("window_id").notNull(),
    staffKey: text("staff_key").notNull(),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    level: text("level").notNull(),
    part: text("part", { enum: ["whole", "service", "not_adopted"] }).notNull(),
    n: integer("n").notNull(),
    scoreSum: integer("score_sum").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.part,
        t.day,
        t.orgId,
        t.itemId,
        t.windowId,
        t.staffKey,
        t.channel,
        t.source,
        t.level,
      ],
    }),
  ],
);

/** The whole ratings by (day, org, channel, source, level) only: what org, channel and day views read. */
export const statsDailyOrg = sqliteTable(
  "stats_daily_org",
  {
    day: integer("day").notNull(),
    orgId: text("org_id").notNull(),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    level: text("level").notNull(),
    n: integer("n").notNull(),
    scoreSum: integer("score_sum").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgId, t.channel, t.source, t.level] })],
);

/** stats_daily by month (year * 12 + month - 1): whole months of a period are read here. */
export const statsMonthly = sqliteTable(
  "stats_monthly",
  {
    month: integer("month").notNull(),
    orgId: text("org_id").notNull(),
    itemId: text("item_id").notNull(),
    windowId: text("window_id").notNull(),
    staffKey: text("staff_key").notNull(),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    level: text("level").notNull(),
    part: text("part", { enum: ["whole", "service", "not_adopted"] }).notNull(),
    n: integer("n").notNull(),
    scoreSum: integer("score_sum").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.part,
        t.month,
        t.orgId,
        t.itemId,
        t.windowId,
        t.staffKey,
        t.channel,
        t.source,
        t.level,
      ],
    }),
  ],
);

/** stats_daily_org by month. */
export const statsMonthlyOrg = sqliteTable(
  "stats_monthly_org",
  {
    month: integer("month").notNull(),
    orgId: text("org_id").notNull(),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    level: text("level").notNull(),
    n: integer("n").notNull(),
    scoreSum: integer("score_sum").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.orgId, t.channel, t.source, t.level] })],
);

/**
 * The service parts only (part 'service' or 'not_adopted') by (day, org, window, staff, source,
 * level): what the staff and window views read. The fine table holds ~item × channel cells per
 * staff and day, so a month by staff read (and sorted) eight times the rows it needed.
 */
export const statsDailyStaff = sqliteTable(
  "stats_daily_staff",
  {
    day: integer("day").notNull(),
    orgId: text("org_id").notNull(),
    windowId: text("window_id").notNull(),
    staffKey: text("staff_key").notNull(),
    source: text("source").notNull(),
    level: text("level").notNull(),
    part: text("part", { enum: ["service", "not_adopted"] }).notNull(),
    n: integer("n").notNull(),
    scoreSum: integer("score_sum").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.part, t.day, t.orgId, t.windowId, t.staffKey, t.source, t.level] }),
  ],
);

/** stats_daily_staff by month. */
export const statsMonthlyStaff = sqliteTable(
  "stats_monthly_staff",
  {
    month: integer("month").notNull(),
    orgId: text("org_id").notNull(),
    windowId: text("window_id").notNull(),
    staffKey: text("staff_key").notNull(),
    source: text("source").notNull(),
    level: text("level").notNull(),
    part: text("part", { enum: ["service", "not_adopted"] }).notNull(),
    n: integer("n").notNull(),
    scoreSum: integer("score_sum").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.part, t.month, t.orgId, t.windowId, t.staffKey, t.source, t.level] }),
  ],
);

/** A published month (SPEC §9): canonical JSON and its SHA-256, one row per version, append-only. */
export const statsPublications = sqliteTable(
  "stats_publications",
  {
    id: text("id").primaryKey(),
    period: text("period").notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    hash: text("hash").notNull(),
    publishedAt: integer("published_at").notNull(),
    publishedBy: text("published_by").notNull(),
  },
  (t) => [uniqueIndex("stats_publications_period_version_uq").on(t.period, t.version)],
);
