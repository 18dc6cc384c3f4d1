import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Ed25519 keys for QR tokens; the private half sealed like PII. One is active; retired ones still verify. */
export const signingKeys = sqliteTable(
  "signing_keys",
  {
    id: text("id").primaryKey(),
    kid: text("kid").notNull(),
    publicJwk: text("public_jwk").notNull(),
    privateJwkEnc: text("private_jwk_enc").notNull(),
    status: text("status", { enum: ["active", "retired", "revoked"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    retiredAt: integer("retired_at"),
  },
  (t) => [uniqueIndex("signing_keys_kid_uq").on(t.kid)],
);

/** A revoked code (by jti) or everything issued for a subject (c:/b:/t:…) before `createdAt`. */
export const qrRevocations = sqliteTable(
  "qr_revocations",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["jti", "subject"] }).notNull(),
    value: text("value").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("qr_revocations_kind_value_uq").on(t.kind, t.value)],
);

/** Dynamic codes are single-use: the first use is recorded here. */
export const qrJtiUses = sqliteTable("qr_jti_uses", {
  jti: text("jti").primaryKey(),
  usedAt: integer("used_at").notNull(),
  purpose: text("purpose").notNull(),
});
