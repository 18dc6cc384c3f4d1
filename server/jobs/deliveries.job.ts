import "server-only";

import { Webhook } from "standardwebhooks";

import type { Deps } from "../deps";
import { hotlineBody, type HotlinePayload } from "../outbox/hotline-bodies";
import { dueMessages, type OutboxRow, payloadOf, settle } from "../outbox/outbox.service";
import { provincePayload } from "../province/province.payload";
import { appendedProvinceInputFor, provinceInputFor } from "../province/province.source";
import { deliverDueSms } from "../sms/sms.delivery";

const TIMEOUT_MS = 10_000;

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * 12345's webhook (work orders and what follows them), signed as Standard Webhooks says. `webhook-id` is the outbox row's id, the
 * same on every retry: the receiver's idempotency key (delivery is at-least-once). The
 * signature's timestamp is the wall clock: receivers check it against theirs.
 */
async function deliverHotline(deps: Deps, row: OutboxRow): Promise<string | null> {
  const { url, secret } = deps.settings.hotlineWebhook;
  if (!url || !secret) return "HOTLINE_WEBHOOK_URL or HOTLINE_WEBHOOK_SECRET not set";
  const body = JSON.stringify(await hotlineBody(deps, payloadOf<HotlinePayload>(deps, row)));
  const sentAt = new Date();
  const signature = new Webhook(secret).sign(row.id, sentAt, body);
  return post(url, body, {
    "webhook-id": row.id,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signature,
  });
}

async function deliverProvince(deps: Deps, row: OutboxRow): Promise<string | null> {
  const url = deps.settings.provincePushUrl;
  if (!url) return "PROVINCE_PUSH_URL not set";
  const msg = payloadOf<{ ratingId: string } | { appendedId: string }>(deps, row);
  const input =
    "appendedId" in msg
      ? await appendedProvinceInputFor(deps, msg.appendedId)
      : await provinceInputFor(deps, msg.ratingId);
  return post(url, JSON.stringify(provincePayload(input)), { "idempotency-key": row.id });
}

/**
 * Sends what is due. Without a configured target a channel waits (no attempt is spent). SMS go
 * through the providers in failover order (server/sms/sms.delivery.ts).
 */
export async function deliver(
  deps: Deps,
  random?: () => number,
): Promise<{ sent: number; failed: number; sms: Awaited<ReturnType<typeof deliverDueSms>> }> {
  let sent = 0;
  let failed = 0;
  const sms = await deliverDueSms(deps, random);
  const targets = [
    {
      channel: "hotline" as const,
      ready: Boolean(deps.settings.hotlineWebhook.url && deps.settings.hotlineWebhook.secret),
      send: deliverHotline,
    },
    {
      channel: "province" as const,
      ready: Boolean(deps.settings.provincePushUrl),
      send: deliverProvince,
    },
  ];
  for (const t of targets) {
    if (!t.ready) continue;
    for (const row of await dueMessages(deps, t.channel, deps.clock.now())) {
      let error: string | null;
      try {
        error = await t.send(deps, row);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      await settle(deps, row, error, deps.clock.now(), random);
      if (error) failed += 1;
      else sent += 1;
    }
  }
  return { sent, failed, sms };
}
