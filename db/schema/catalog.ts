import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// db/ imports nothing else from server/: the rating vocabulary is a leaf (no imports), and the
// levels the enums below check are said there once, for the pages too (issue 27)
import { LEVELS } from "../../server/ratings/vocabulary";

/** Orgs at three levels (article 3); a hall or department hangs under its government org. */
export const orgs = sqliteTable(
  "orgs",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    level: text("level", { enum: ["city", "town", "village"] }).notNull(),
    kind: text("kind", { enum: ["government", "department", "hall"] }).notNull(),
    parentId: text("parent_id"),
    createdAt: integer("created_at").notNull(),
    /** retired things stay (a rating may point to them) but are not offered for new work */
    retiredAt: integer("retired_at"),
    // what a rating page shows in 繁體 and English; null reads as the Chinese (db/seed/names-i18n.ts)
    nameHant: text("name_hant"),
    nameEn: text("name_en"),
  },
  (t) => [uniqueIndex("orgs_code_uq").on(t.code), index("orgs_parent_idx").on(t.parentId)],
);

export const windows = sqliteTable(
  "windows",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    createdAt: integer("created_at").notNull(),
    /** retired things stay (a rating may point to them) but are not offered for new work */
    retiredAt: integer("retired_at"),
    /** devices enrolled for it before this moment are refused (a stolen or lost screen or kiosk) */
    devicesRevokedAt: integer("devices_revoked_at"),
  },
  (t) => [uniqueIndex("windows_code_uq").on(t.code)],
);

export const staff = sqliteTable(
  "staff",
  {
    id: text("id").primaryKey(),
    staffNo: text("staff_no").notNull(),
    name: text("name").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    windowId: text("window_id").references(() => windows.id),
    createdAt: integer("created_at").notNull(),
    /** retired things stay (a rating may point to them) but are not offered for new work */
    retiredAt: integer("retired_at"),
  },
  (t) => [uniqueIndex("staff_no_uq").on(t.staffNo)],
);

export const terminals = sqliteTable(
  "terminals",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    createdAt: integer("created_at").notNull(),
    /** retired things stay (a rating may point to them) but are not offered for new work */
    retiredAt: integer("retired_at"),
    /** devices enrolled for it before this moment are refused (a stolen or lost screen or kiosk) */
    devicesRevokedAt: integer("devices_revoked_at"),
  },
  (t) => [uniqueIndex("terminals_code_uq").on(t.code)],
);

export const items = sqliteTable(
  "items",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    needsCertificate: integer("needs_certificate", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
    /** retired things stay (a rating may point to them) but are not offered for new work */
    retiredAt: integer("retired_at"),
    nameHant: text("name_hant"),
    nameEn: text("name_en"),
  },
  (t) => [uniqueIndex("items_code_uq").on(t.code)],
);

/** The indicator catalogue is data and versioned: a rating keeps the version it was made with. */
export const catalogVersions = sqliteTable(
  "catalog_versions",
  {
    id: text("id").primaryKey(),
    version: integer("version").notNull(),
    note: text("note").notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
    /** null while a draft; a published version is never edited */
    publishedAt: integer("published_at"),
  },
  (t) => [uniqueIndex("catalog_versions_version_uq").on(t.version)],
);

export const indicators = sqliteTable(
  "indicators",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => catalogVersions.id),
    code: text("code").notNull(),
    grp: text("grp", { enum: ["overall", "business", "service"] }).notNull(),
    dimension: text("dimension"),
    name: text("name").notNull(),
    sort: integer("sort").notNull(),
    // translations, filled at seed time (Traditional by conversion, English written); null reads as the Chinese
    nameHant: text("name_hant"),
    nameEn: text("name_en"),
    dimensionHant: text("dimension_hant"),
    dimensionEn: text("dimension_en"),
  },
  (t) => [uniqueIndex("indicators_version_code_uq").on(t.versionId, t.code)],
);

export const indicatorTags = sqliteTable(
  "indicator_tags",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => catalogVersions.id),
    indicatorCode: text("indicator_code").notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    code: text("code").notNull(),
    text: text("text").notNull(),
    needsText: integer("needs_text", { mode: "boolean" }).notNull(),
    sort: integer("sort").notNull(),
    textHant: text("text_hant"),
    textEn: text("text_en"),
  },
  (t) => [
    uniqueIndex("indicator_tags_version_code_uq").on(t.versionId, t.code),
    index("indicator_tags_indicator_idx").on(t.versionId, t.indicatorCode, t.level),
  ],
);
