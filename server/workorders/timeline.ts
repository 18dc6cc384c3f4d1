import "server-only";

import { and, asc, eq, inArray } from "drizzle-orm";

import { fixRatings, outbox, workOrderRecords, workOrderResults, workOrders } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { FixLevel } from "../ratings/vocabulary";

export type TimelineEntry =
  | { kind: "created"; at: number }
  | { kind: "sent"; at: number }
  | {
      kind: "result";
      at: number;
      status: "visited" | "rectified" | "closed";
      text: string;
      verified: boolean | null;
    }
  | { kind: "fix_rated"; at: number; level: FixLevel; reopened: boolean }
  | {
      kind: "desk";
      at: number;
      close: boolean;
      visitText: string | null;
      verified: boolean | null;
      measures: string | null;
    };

/**
 * A work order's append-only timeline as its rater sees it (SPEC §9): created, sent to 12345,
 * each result from 12345, each record of the org's desk (回访情况, 核实结果, 整改措施, 办结 — not
 * who made it), the fix rated (and the reopening).
 */
export async function timelinesOf(
  db: Reader,
  workOrderIds: string[],
): Promise<Map<string, TimelineEntry[]>> {
  const out = new Map<string, TimelineEntry[]>(workOrderIds.map((id) => [id, []]));
  if (workOrderIds.length === 0) return out;
  const [orders, sent, results, fixes, records] = await Promise.all([
    db
      .select({ id: workOrders.id, createdAt: workOrders.createdAt })
      .from(workOrders)
      .where(inArray(workOrders.id, workOrderIds)),
    db
      .select({ key: outbox.dedupeKey, at: outbox.sentAt })
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, "hotline"),
          inArray(
            outbox.dedupeKey,
            workOrderIds.map((id) => `workorder:${id}`),
          ),
          eq(outbox.status, "sent"),
        ),
      ),
    db
      .select()
      .from(workOrderResults)
      .where(inArray(workOrderResults.workOrderId, workOrderIds))
      .orderBy(asc(workOrderResults.occurredAt)),
    db.select().from(fixRatings).where(inArray(fixRatings.workOrderId, workOrderIds)),
    db.select().from(workOrderRecords).where(inArray(workOrderRecords.workOrderId, workOrderIds)),
  ]);
  const push = (id: string, e: TimelineEntry) => out.get(id)?.push(e);
  for (const o of orders) push(o.id, { kind: "created", at: o.createdAt });
  for (const s of sent)
    if (s.at) push(s.key.slice("workorder:".length), { kind: "sent", at: s.at });
  for (const r of results)
    push(r.workOrderId, {
      kind: "result",
      at: r.createdAt,
      status: r.status,
      text: r.text,
      verified: r.verified,
    });
  for (const d of records)
    push(d.workOrderId, {
      kind: "desk",
      at: d.createdAt,
      close: d.kind === "close",
      visitText: d.visitText,
      verified: d.verified,
      measures: d.measures,
    });
  for (const f of fixes)
    push(f.workOrderId, {
      kind: "fix_rated",
      at: f.createdAt,
      level: f.level,
      reopened: f.reopened,
    });
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return out;
}
