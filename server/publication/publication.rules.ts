import { createHash } from "node:crypto";

import { canonicalJson } from "../json";
import type { TStatsRow } from "../stats/stats.schema";
import type { TPublicRow } from "./publication.schema";

/** SPEC §9: a group with fewer than 5 active ratings (defaults not included) shows 样本不足. */
export const MIN_ACTIVE = 5;

/** An org's row as published: counts always, rates only for a large enough sample; nothing personal. */
export function publicRow(r: TStatsRow): TPublicRow {
  const suppressed = r.active < MIN_ACTIVE;
  const rate = (v: number | null) => (suppressed ? null : v);
  return {
    code: r.key,
    name: r.name,
    ratings: r.ratings,
    active: r.active,
    average: rate(r.average),
    averageActive: rate(r.averageActive),
    goodRate: rate(r.goodRate),
    badRate: rate(r.badRate),
    activeRate: rate(r.activeRate),
    workOrders: {
      opened: r.workOrders.opened,
      closed: r.workOrders.closed,
      closedOnTime: r.workOrders.closedOnTime,
    },
    suppressed,
  };
}

/** The snapshot's canonical JSON and its SHA-256 (anyone can recompute it from the published body). */
export function sealSnapshot(body: {
  period: string;
  version: number;
  publishedAt: string;
  rows: TPublicRow[];
}): { json: string; hash: string } {
  const json = canonicalJson(body);
  return { json, hash: createHash("sha256").update(json).digest("hex") };
}

/** The first and last day of a month, and whether it has begun on `today` (both YYYY-MM-DD). */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, "0")}` };
}
