import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One-time SMS codes: only a hash of the code is kept; 5 minutes, 5 tries. */
export const otpCodes = sqliteTable(
  "otp_codes",
  {
    id: text("id").primaryKey(),
    applicantId: text("applicant_id").notNull(),
    phoneHash: text("phone_hash").notNull(),
    clientHash: text("client_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull(),
    expiresAt: integer("expires_at").notNull(),
    consumedAt: integer("consumed_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("otp_codes_phone_idx").on(t.phoneHash, t.createdAt),
    index("otp_codes_client_idx").on(t.clientHash, t.createdAt),
  ],
);
