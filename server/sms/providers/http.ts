import "server-only";

import { Webhook } from "standardwebhooks";

import { failureCode, type OutgoingSms, type SmsOutcome } from "../outcome";
import type { ProviderConfig } from "../sms.settings";

type HttpConfig = Extract<ProviderConfig, { name: "http" }>;

/**
 * The city's own SMS gateway (SPEC §6): the body `{id, to, template, params, text}` signed the
 * Standard Webhooks way, `webhook-id` the message's id on every retry. Any 2xx is accepted; a 4xx
 * other than 408 and 429 is the gateway refusing this message; the rest is the gateway's fault.
 */
export async function sendHttp(cfg: HttpConfig, msg: OutgoingSms): Promise<SmsOutcome> {
  const body = JSON.stringify({
    id: msg.id,
    to: msg.to,
    template: msg.template,
    params: msg.params,
    text: msg.text,
  });
  const sentAt = new Date();
  const signature = new Webhook(cfg.secret).sign(msg.id, sentAt, body);
  try {
    const res = await fetch(cfg.url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "webhook-id": msg.id,
        "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
        "webhook-signature": signature,
      },
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    await res.body?.cancel();
    if (res.ok) return { result: "accepted", code: null };
    const code = `HTTP ${res.status}`;
    return res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429
      ? { result: "refused", code }
      : { result: "failed", code };
  } catch (e) {
    return { result: "failed", code: failureCode(e) };
  }
}
