import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Everything that leaves the system (SMS, 12345 webhooks, provincial pushes) is written here in
 * the same transaction as its cause and delivered later; an SMS payload is sealed (it carries PII),
 * the others hold ids only (server/outbox/outbox.service.ts).
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    channel: text("channel", { enum: ["sms", "hotline", "province"] }).notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    recipientHash: text("recipient_hash"),
    payloadEnc: text("payload_enc").notNull(),
    status: text("status", { enum: ["pending", "sent", "dead"] }).notNull(),
    attempts: integer("attempts").notNull(),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    // a message queued twice for one cause (an SMS, a work order) is sent once
    uniqueIndex("outbox_dedupe_uq").on(t.channel, t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_recipient_idx").on(t.channel, t.recipientHash, t.createdAt),
  ],
);

/**
 * Each try of an SMS at a provider and what it answered (SPEC §6): which provider delivered a
 * message, and each provider's recent failure rate for the bureau. Never the phone or the text:
 * the provider's own code only.
 */
export const smsAttempts = sqliteTable(
  "sms_attempts",
  {
    id: text("id").primaryKey(),
    outboxId: text("outbox_id").notNull(),
    provider: text("provider", { enum: ["http", "aliyun", "tencent"] }).notNull(),
    template: text("template").notNull(),
    /** accepted; refused (the number or the template: not retried); failed (the provider's fault) */
    result: text("result", { enum: ["accepted", "refused", "failed"] }).notNull(),
    /** the provider's code (isv.MOBILE_NUMBER_ILLEGAL, FailedOperation.…, HTTP 503, timeout) */
    code: text("code"),
    at: integer("at").notNull(),
  },
  (t) => [
    index("sms_attempts_outbox_idx").on(t.outboxId, t.at),
    index("sms_attempts_provider_idx").on(t.provider, t.at),
  ],
);
