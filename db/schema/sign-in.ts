import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Failed staff and admin sign-ins (and wrong /me codes), for the limits (5 wrong passwords lock a login for 15
 * minutes; a loose cap per client address). Keyed digests only: no login text, no address, and
 * never a password. The audit log keeps the same failures for people to read.
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    loginHash: text("login_hash").notNull(),
    accountId: text("account_id"),
    clientHash: text("client_hash").notNull(),
    /** wrong_code: a wrong /me SMS code (loginHash is then the phone's digest); wrong_totp: a wrong 动态口令 */
    reason: text("reason", {
      enum: [
        "wrong_password",
        "unknown_login",
        "inactive",
        "locked",
        "address_limit",
        "wrong_code",
        "wrong_totp",
      ],
    }).notNull(),
  },
  (t) => [
    index("sign_in_failures_login_idx").on(t.loginHash, t.at),
    index("sign_in_failures_client_idx").on(t.clientHash, t.at),
  ],
);
