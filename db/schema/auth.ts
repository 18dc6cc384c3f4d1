import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { orgs, staff } from "./catalog";

/**
 * Sign-in accounts of staff, org admins and the bureau (DESIGN §4). Passwords only as argon2id
 * hashes. A staff account belongs to a staff member (工号 is the login); an org admin to an org.
 */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    login: text("login").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["staff", "org_admin", "bureau"] }).notNull(),
    displayName: text("display_name").notNull(),
    staffId: text("staff_id").references(() => staff.id),
    orgId: text("org_id").references(() => orgs.id),
    active: integer("active", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
    /** a handler's phone for 待办 SMS (SPEC §7 账号设置), sealed like any PII, with its blind index */
    phoneEnc: text("phone_enc"),
    phoneHash: text("phone_hash"),
    /** 接收待办短信: the handler opted in */
    taskSms: integer("task_sms", { mode: "boolean" }).notNull().default(false),
    /** when the password was last set: older than the bureau's limit, it must be changed at sign-in */
    passwordChangedAt: integer("password_changed_at").notNull().default(0),
    /** the TOTP secret (RFC 6238), sealed like PII; set once a first code confirmed it */
    totpSecretEnc: text("totp_secret_enc"),
    /** a secret shown for enrolment and not confirmed yet */
    totpPendingEnc: text("totp_pending_enc"),
    /** the last 30-second step a code was accepted for: a code is accepted once */
    totpLastStep: integer("totp_last_step").notNull().default(0),
  },
  (t) => [uniqueIndex("accounts_login_uq").on(t.login)],
);
