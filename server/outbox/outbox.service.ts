import "server-only";

import { and, asc, desc, eq, lte } from "drizzle-orm";

import { insertInto, insertManyInto } from "@/db/prepared";
import { outbox } from "@/db/schema";
import type { Tx } from "@/db/types";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { checkedSms, renderSms, type SmsMessage } from "../sms/templates";

export type OutboxChannel = "sms" | "hotline" | "province";
export type OutboxRow = typeof outbox.$inferSelect;

/** After this many failed tries a message is dead: it shows in admin and is not retried. */
export const MAX_ATTEMPTS = 8;

/**
 * Exponential backoff with full jitter: 30 s, 1 min, 2 min … capped at 1 h. `random` is
 * injected so tests can pin it.
 */
export function nextAttemptDelay(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

const insertMessage = insertInto(outbox, { onConflictDoNothing: true });
const insertMessages = insertManyInto(outbox, { onConflictDoNothing: true });

type Message = {
  channel: OutboxChannel;
  dedupeKey: string;
  payload: unknown;
  recipientHash?: string;
  sent?: boolean;
};

/**
 * An SMS carries a phone number and its text, so it is sealed like all rater PII. A push to the
 * province or to 12345 holds only the ids its body is built from when it is sent (the body with
 * its personal fields is never stored), so it is kept open: sealing an id cost the submit path
 * an AES seal per rating for nothing.
 */
const OPEN = "open:";
const sealedChannel = (channel: OutboxChannel) => channel === "sms";

/** A message's payload as it was enqueued. */
export function payloadOf<T>(deps: Deps, row: Pick<OutboxRow, "payloadEnc">): T {
  const text = row.payloadEnc.startsWith(OPEN)
    ? row.payloadEnc.slice(OPEN.length)
    : deps.pii.decrypt(row.payloadEnc);
  return JSON.parse(text) as T;
}

function messageRow(deps: Deps, msg: Message, now: number): typeof outbox.$inferInsert {
  return {
    id: newId(now),
    channel: msg.channel,
    dedupeKey: msg.dedupeKey,
    recipientHash: msg.recipientHash ?? null,
    payloadEnc: sealedChannel(msg.channel)
      ? deps.pii.encrypt(JSON.stringify(msg.payload))
      : OPEN + JSON.stringify(msg.payload),
    status: msg.sent ? "sent" : "pending",
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    sentAt: msg.sent ? now : null,
  };
}

/** Writes a message in the same transaction as its cause; unique on (channel, dedupeKey). */
export async function enqueue(deps: Deps, tx: Tx, msg: Message, now: number): Promise<void> {
  await insertMessage(tx, messageRow(deps, msg, now));
}

/** Many messages in one statement (a batched job), each as `enqueue` writes it at its own time. */
export async function enqueueMany(
  deps: Deps,
  tx: Tx,
  msgs: (Message & { at: number })[],
): Promise<void> {
  await insertMessages(
    tx,
    msgs.map((m) => messageRow(deps, m, m.at)),
  );
}

/** An SMS as the outbox keeps it: the template and its parameters, and the text they render to. */
export type QueuedSms = SmsMessage & { text: string };

/**
 * Queues an SMS (one of SPEC §6's templates) in the same transaction as its cause. With the demo
 * provider the outbox is the delivery (the message is kept and listed at /api/dev/sms).
 */
export async function queueSms(
  deps: Deps,
  tx: Tx,
  dedupeKey: string,
  msg: SmsMessage,
  now: number,
): Promise<void> {
  const checked = checkedSms(msg);
  const payload: QueuedSms = { ...checked, text: renderSms(checked) };
  await enqueue(
    deps,
    tx,
    {
      channel: "sms",
      dedupeKey,
      payload,
      recipientHash: deps.pii.blindIndex("phone", msg.to),
      sent: deps.settings.sms.mode === "outbox",
    },
    now,
  );
}

/** Demo only: the SMS kept for one phone, newest first (SPEC §6 `GET /api/dev/sms`). */
export async function listSms(
  deps: Deps,
  phone: string,
): Promise<{ to: string; text: string; sentAt: string }[]> {
  const rows = await deps.database.db
    .select({ payloadEnc: outbox.payloadEnc, createdAt: outbox.createdAt })
    .from(outbox)
    .where(
      and(eq(outbox.channel, "sms"), eq(outbox.recipientHash, deps.pii.blindIndex("phone", phone))),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(50);
  return rows.map((r) => {
    const msg = payloadOf<Pick<QueuedSms, "to" | "text">>(deps, r);
    return { to: msg.to, text: msg.text, sentAt: new Date(r.createdAt).toISOString() };
  });
}

export async function dueMessages(
  deps: Deps,
  channel: OutboxChannel,
  now: number,
  limit = 50,
): Promise<OutboxRow[]> {
  return deps.database.db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.channel, channel),
        eq(outbox.status, "pending"),
        lte(outbox.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
}

/**
 * Records one delivery attempt's outcome. A `final` error (a message the receiver refused for
 * itself: a bad number, an unapproved template) is dead at once; any other waits and is tried
 * again, dead after MAX_ATTEMPTS. `also` writes what goes with it in the same transaction.
 */
export async function settle(
  deps: Deps,
  row: OutboxRow,
  error: string | null,
  now: number,
  random?: () => number,
  opts: { final?: boolean; also?: (tx: Tx) => Promise<void> } = {},
): Promise<void> {
  await deps.database.write(async (tx) => {
    await opts.also?.(tx);
    if (!error) {
      await tx
        .update(outbox)
        .set({ status: "sent", sentAt: now, attempts: row.attempts + 1, lastError: null })
        .where(eq(outbox.id, row.id));
      return;
    }
    const attempts = row.attempts + 1;
    const dead = opts.final || attempts >= MAX_ATTEMPTS;
    await tx
      .update(outbox)
      .set({
        attempts,
        lastError: error.slice(0, 500),
        status: dead ? "dead" : "pending",
        nextAttemptAt: now + nextAttemptDelay(attempts, random),
      })
      .where(eq(outbox.id, row.id));
  });
}

/** How long a claimed message is left alone by other senders while one sends it. */
export const CLAIM_MS = 60_000;

/**
 * Takes a due message for one sender: another process (or the same one's job timer) sees it due
 * only after CLAIM_MS, by which time the sender has settled it. False when someone else has it.
 */
export async function claim(deps: Deps, id: string, now: number): Promise<boolean> {
  const done = await deps.database.write((tx) =>
    tx
      .update(outbox)
      .set({ nextAttemptAt: now + CLAIM_MS })
      .where(and(eq(outbox.id, id), eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
      .returning({ id: outbox.id }),
  );
  return done.length === 1;
}

/** One message by what it is about (`otp:<id>` …). */
export async function messageByKey(
  deps: Deps,
  channel: OutboxChannel,
  dedupeKey: string,
): Promise<OutboxRow | null> {
  const [row] = await deps.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, channel), eq(outbox.dedupeKey, dedupeKey)));
  return row ?? null;
}

/** The delivery state of one record (e.g. a rating's provincial push), for the bureau. */
export async function deliveryState(deps: Deps, channel: OutboxChannel, dedupeKey: string) {
  const [row] = await deps.database.db
    .select({
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      sentAt: outbox.sentAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    .where(and(eq(outbox.channel, channel), eq(outbox.dedupeKey, dedupeKey)));
  return row ?? null;
}
