import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import type { Tx } from "@/db/types";
import type { Deps } from "../deps";
import { newId } from "../ids";

export interface SmsMessage {
  to: string;
  text: string;
}

/**
 * Queues an SMS in the same transaction as its cause. With the demo provider the outbox is the
 * delivery (the message is kept and listed at /api/dev/sms); a real provider is delivered by jobs.
 */
export async function queueSms(deps: Deps, tx: Tx, dedupeKey: string, msg: SmsMessage, now: number): Promise<void> {
  await tx.insert(outbox).values({
    id: newId(now),
    channel: "sms",
    dedupeKey,
    recipientHash: deps.pii.blindIndex("phone", msg.to),
    payloadEnc: deps.pii.encrypt(JSON.stringify(msg)),
    status: deps.settings.smsOutbox ? "sent" : "pending",
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    sentAt: deps.settings.smsOutbox ? now : null,
  });
}

/** Demo only: the SMS kept for one phone, newest first (SPEC §6 `GET /api/dev/sms`). */
export async function listSms(deps: Deps, phone: string): Promise<{ to: string; text: string; sentAt: string }[]> {
  const rows = await deps.database.db
    .select({ payloadEnc: outbox.payloadEnc, createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.channel, "sms"), eq(outbox.recipientHash, deps.pii.blindIndex("phone", phone))))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(50);
  return rows.map((r) => {
    const msg = JSON.parse(deps.pii.decrypt(r.payloadEnc)) as SmsMessage;
    return { to: msg.to, text: msg.text, sentAt: new Date(r.createdAt).toISOString() };
  });
}
