import "server-only";

import { smsAttempts } from "@/db/schema";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { log } from "../log";
import { metrics } from "../metrics/registry";
import {
  claim,
  dueMessages,
  messageByKey,
  type OutboxRow,
  payloadOf,
  type QueuedSms,
  settle,
} from "../outbox/outbox.service";
import { type OutgoingSms, type SmsOutcome, withoutNumbers } from "./outcome";
import { sendAliyun } from "./providers/aliyun";
import { sendHttp } from "./providers/http";
import { sendTencent } from "./providers/tencent";
import type { ProviderConfig, ProviderName } from "./sms.settings";

/** One provider, one message (`npm run sms:test` tries each provider on its own). */
export function sendVia(cfg: ProviderConfig, msg: OutgoingSms): Promise<SmsOutcome> {
  switch (cfg.name) {
    case "http":
      return sendHttp(cfg, msg);
    case "aliyun":
      return sendAliyun(cfg, msg);
    case "tencent":
      return sendTencent(cfg, msg);
  }
}

type Attempt = { provider: ProviderName; outcome: SmsOutcome; at: number };

/**
 * Sends one claimed message: the providers in order, the next at once when one fails for its
 * own fault (GOV.UK Notify's failover); a refusal ends it (dead, shown to the bureau); when all
 * fail it waits and is tried again. The phone is opened here and nowhere else.
 */
async function sendClaimed(
  deps: Deps,
  providers: ProviderConfig[],
  row: OutboxRow,
  random?: () => number,
): Promise<SmsOutcome["result"]> {
  const msg = payloadOf<Partial<QueuedSms>>(deps, row);
  const attempts: Attempt[] = [];
  let last: SmsOutcome = { result: "failed", code: "no provider" };
  if (!msg.template || !msg.to || !msg.params) {
    last = { result: "refused", code: "no template (queued by an older release)" };
  } else {
    for (const p of providers) {
      last = await sendVia(p, { ...(msg as QueuedSms), id: row.id });
      attempts.push({ provider: p.name, outcome: last, at: deps.clock.now() });
      metrics().smsSent.inc({ provider: p.name, result: last.result });
      if (last.result !== "failed") break;
    }
  }
  const template = msg.template ?? "unknown";
  const error =
    last.result === "accepted"
      ? null
      : attempts.length
        ? attempts.map((a) => `${a.provider}: ${withoutNumbers(a.outcome.code ?? "")}`).join("; ")
        : last.code;
  await settle(deps, row, error, deps.clock.now(), random, {
    final: last.result === "refused",
    also: async (tx) => {
      if (!attempts.length) return;
      await tx.insert(smsAttempts).values(
        attempts.map((a) => ({
          id: newId(a.at),
          outboxId: row.id,
          provider: a.provider,
          template,
          result: a.outcome.result,
          code: a.outcome.code === null ? null : withoutNumbers(a.outcome.code),
          at: a.at,
        })),
      );
    },
  });
  return last.result;
}

const providersOf = (deps: Deps) =>
  deps.settings.sms.mode === "providers" ? deps.settings.sms.providers : null;

/** The deliveries job's SMS part: every due message, each claimed first. */
export async function deliverDueSms(
  deps: Deps,
  random?: () => number,
): Promise<{ sent: number; refused: number; failed: number }> {
  const counts = { sent: 0, refused: 0, failed: 0 };
  const providers = providersOf(deps);
  if (!providers) return counts;
  for (const row of await dueMessages(deps, "sms", deps.clock.now())) {
    if (!(await claim(deps, row.id, deps.clock.now()))) continue;
    const result = await sendClaimed(deps, providers, row, random);
    counts[result === "accepted" ? "sent" : result] += 1;
  }
  return counts;
}

/**
 * Sends one message now instead of at the next job run (a one-time code is wanted within
 * seconds). Safe beside the job and other instances: whoever claims it sends it.
 */
export async function sendSmsNow(deps: Deps, dedupeKey: string): Promise<void> {
  const providers = providersOf(deps);
  if (!providers) return;
  const row = await messageByKey(deps, "sms", dedupeKey);
  if (!row || !(await claim(deps, row.id, deps.clock.now()))) return;
  await sendClaimed(deps, providers, row);
}

/** Fire and forget, for a request that must not wait on a provider. */
export function sendSmsSoon(deps: Deps, dedupeKey: string): void {
  sendSmsNow(deps, dedupeKey).catch((e: unknown) =>
    log().error(
      { err: withoutNumbers(e instanceof Error ? e.message : String(e)) },
      "sms send failed",
    ),
  );
}

/** Where one message stands, for the page that waits on it (a one-time code). */
export async function smsState(
  deps: Deps,
  dedupeKey: string,
): Promise<"sent" | "waiting" | "failed"> {
  const row = await messageByKey(deps, "sms", dedupeKey);
  if (!row) return "waiting";
  return row.status === "sent" ? "sent" : row.status === "dead" ? "failed" : "waiting";
}
