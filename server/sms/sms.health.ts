import "server-only";

import { sql } from "drizzle-orm";

import { smsAttempts } from "@/db/schema";

import type { Deps } from "../deps";

export const HEALTH_WINDOW_MS = 24 * 3600_000;

export interface ProviderHealth {
  provider: string;
  tries: number;
  accepted: number;
  refused: number;
  failed: number;
  /** the provider's own faults among its tries (refusals are the messages' fault) */
  failureRate: number;
}

/**
 * Each provider's tries in the last 24 h and its failure rate, for the bureau's outbox page
 * (SPEC §6, as GOV.UK Notify watches its SMS suppliers), and the messages by template and result.
 */
export async function smsHealth(deps: Deps): Promise<{
  providers: ProviderHealth[];
  byTemplate: { template: string; result: string; n: number }[];
}> {
  const since = deps.clock.now() - HEALTH_WINDOW_MS;
  const rows = await deps.database.db.all<{
    provider: string;
    template: string;
    result: string;
    n: number;
  }>(sql`
    select ${smsAttempts.provider} as provider, ${smsAttempts.template} as template, ${smsAttempts.result} as result, count(*) as n
    from ${smsAttempts} where ${smsAttempts.at} >= ${since}
    group by 1, 2, 3`);
  const by = new Map<string, ProviderHealth>();
  const templates = new Map<string, number>();
  for (const r of rows) {
    const h = by.get(r.provider) ?? {
      provider: r.provider,
      tries: 0,
      accepted: 0,
      refused: 0,
      failed: 0,
      failureRate: 0,
    };
    h.tries += r.n;
    h[r.result as "accepted" | "refused" | "failed"] += r.n;
    by.set(r.provider, h);
    const key = `${r.template}\u0000${r.result}`;
    templates.set(key, (templates.get(key) ?? 0) + r.n);
  }
  const providers = [...by.values()]
    .map((h) => ({ ...h, failureRate: h.tries ? h.failed / h.tries : 0 }))
    .sort((a, b) => a.provider.localeCompare(b.provider));
  const byTemplate = [...templates].map(([k, n]) => {
    const [template = "", result = ""] = k.split("\u0000");
    return { template, result, n };
  });
  return {
    providers,
    byTemplate: byTemplate.sort(
      (a, b) => a.template.localeCompare(b.template) || a.result.localeCompare(b.result),
    ),
  };
}
