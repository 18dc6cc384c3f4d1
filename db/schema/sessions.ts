import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { accounts } from "./auth";

/**
 * Staff and admin sessions (SPEC §8, 等保 level 3): the cookie holds a random token, the database
 * its SHA-256, so every instance sees one session end at once and a copy of the file opens none.
 * A row is ended, never deleted, so the owner and the bureau can read when and why it ended.
 */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    /** shown to the owner and used to end one session: not the token */
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    createdAt: integer("created_at").notNull(),
    /** written at most once a minute per session (a write per request would cost every page) */
    lastSeenAt: integer("last_seen_at").notNull(),
    /** the client address, sealed like PII */
    addressEnc: text("address_enc").notNull(),
    /** "Chrome 150 · Linux": a summary of the user agent, no more */
    browser: text("browser").notNull(),
    endedAt: integer("ended_at"),
    endedReason: text("ended_reason", {
      enum: [
        "sign_out",
        "idle",
        "expired",
        "ended_by_owner",
        "ended_by_bureau",
        "password_changed",
        "disabled",
        "org_changed",
        "second_factor_reset",
      ],
    }),
  },
  (t) => [
    uniqueIndex("staff_sessions_token_uq").on(t.tokenHash),
    index("staff_sessions_account_idx").on(t.accountId, t.endedAt),
    // the sessions job finds the live ones that ran out without coming back
    index("staff_sessions_live_idx").on(t.endedAt, t.lastSeenAt),
  ],
);

/**
 * What happened at sign-in for each account (SPEC §8): every sign-in, failure, lockout, change of
 * the second factor or the password, and session end, with time, address (sealed) and browser.
 * Append-only (triggers): nobody edits it, the bureau included.
 */
export const signInEvents = sqliteTable(
  "sign_in_events",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    /** null: a login that does not exist */
    accountId: text("account_id"),
    kind: text("kind").notNull(),
    addressEnc: text("address_enc").notNull(),
    browser: text("browser").notNull(),
    /** facts that name no person, e.g. the reason a session ended */
    detail: text("detail"),
  },
  (t) => [
    index("sign_in_events_account_idx").on(t.accountId, t.at),
    index("sign_in_events_at_idx").on(t.at),
  ],
);

/** Single-use 恢复码 of a second factor, argon2 hashes only; a used code keeps its row with used_at. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("recovery_codes_account_idx").on(t.accountId)],
);

/** Previous password hashes of an account, so a new password is not one of its last five. */
export const passwordHistory = sqliteTable(
  "password_history",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    passwordHash: text("password_hash").notNull(),
    retiredAt: integer("retired_at").notNull(),
  },
  (t) => [index("password_history_account_idx").on(t.accountId, t.retiredAt)],
);
