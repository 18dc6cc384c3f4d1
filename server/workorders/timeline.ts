import "server-only";

import { and, asc, eq, inArray } from "drizzle-orm";

import {
  fixRatings,
  outbox,
  superviseNotices,
  workOrderRecords,
  workOrderResults,
  workOrders,
} from "@/db/schema";
import type { Reader } from "@/db/types";

import { appealsOfRatings } from "../appeals/appeals.service";
import { appendedOfRatings, type AppendedView } from "../ratings/appended.service";
import type { FixLevel } from "../ratings/vocabulary";
import { workOrderIdOfOutboxKey, workOrderOutboxKey } from "./outbox-key";

/**
 * What happened to a work order, as data (SPEC §7, §9): the one source the desk and /me both
 * render, each in its own words and each showing what its reader may see.
 */
export type WorkOrderEvent =
  | { kind: "created"; at: number }
  /** the push to 12345: sent (at when it went), or waiting / given up (at when it was queued) */
  | {
      kind: "sent";
      at: number;
      status: "pending" | "sent" | "dead";
      sentAt: number | null;
      attempts: number;
      lastError: string | null;
    }
  | {
      kind: "result";
      at: number;
      status: "visited" | "rectified" | "closed";
      text: string;
      verified: boolean | null;
    }
  /** a record of the org's desk (回访情况, 核实结果, 整改措施) or its 办结 */
  | {
      kind: "desk";
      at: number;
      close: boolean;
      visitText: string | null;
      verified: boolean | null;
      measures: string | null;
      interviewed: boolean;
      by: string;
    }
  | { kind: "appended"; at: number; level: AppendedView["level"]; text: string }
  | { kind: "fix_rated"; at: number; level: FixLevel; reopened: boolean }
  | { kind: "appeal"; at: number; by: string }
  | { kind: "appeal_decided"; at: number; outcome: "adopted" | "rejected" }
  /** 督办 (article 5): the bureau pressed the org, with its note */
  | { kind: "supervise"; at: number; note: string; by: string };

/** The events of each order, oldest first (an order with no row gets an empty list). */
export async function workOrderEvents(
  db: Reader,
  workOrderIds: string[],
): Promise<Map<string, WorkOrderEvent[]>> {
  const out = new Map<string, WorkOrderEvent[]>(workOrderIds.map((id) => [id, []]));
  if (workOrderIds.length === 0) return out;
  const orders = await db
    .select({ id: workOrders.id, createdAt: workOrders.createdAt, ratingId: workOrders.ratingId })
    .from(workOrders)
    .where(inArray(workOrders.id, workOrderIds));
  const ratingIds = orders.map((o) => o.ratingId);
  const [pushes, results, records, appended, fixes, appealRows, notices] = await Promise.all([
    db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, "hotline"),
          inArray(outbox.dedupeKey, workOrderIds.map(workOrderOutboxKey)),
        ),
      ),
    db
      .select()
      .from(workOrderResults)
      .where(inArray(workOrderResults.workOrderId, workOrderIds))
      .orderBy(asc(workOrderResults.occurredAt)),
    db.select().from(workOrderRecords).where(inArray(workOrderRecords.workOrderId, workOrderIds)),
    appendedOfRatings(db, ratingIds),
    db.select().from(fixRatings).where(inArray(fixRatings.workOrderId, workOrderIds)),
    appealsOfRatings(db, ratingIds),
    db.select().from(superviseNotices).where(inArray(superviseNotices.workOrderId, workOrderIds)),
  ]);
  const push = (id: string, e: WorkOrderEvent) => out.get(id)?.push(e);
  const orderOfRating = new Map(orders.map((o) => [o.ratingId, o.id]));
  for (const o of orders) push(o.id, { kind: "created", at: o.createdAt });
  for (const p of pushes)
    push(workOrderIdOfOutboxKey(p.dedupeKey), {
      kind: "sent",
      at: p.status === "sent" ? (p.sentAt ?? p.createdAt) : p.createdAt,
      status: p.status,
      sentAt: p.sentAt,
      attempts: p.attempts,
      lastError: p.lastError,
    });
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
      interviewed: d.interviewed,
      by: d.actorName,
    });
  for (const [ratingId, a] of appended) {
    const id = orderOfRating.get(ratingId);
    if (id) push(id, { kind: "appended", at: a.createdAt, level: a.level, text: a.text });
  }
  for (const f of fixes)
    push(f.workOrderId, {
      kind: "fix_rated",
      at: f.createdAt,
      level: f.level,
      reopened: f.reopened,
    });
  for (const a of appealRows) {
    const id = orderOfRating.get(a.ratingId);
    if (!id) continue;
    push(id, { kind: "appeal", at: a.filedAt, by: a.filedByName });
    if (a.outcome && a.decidedAt)
      push(id, { kind: "appeal_decided", at: a.decidedAt, outcome: a.outcome });
  }
  for (const n of notices)
    push(n.workOrderId, { kind: "supervise", at: n.createdAt, note: n.note, by: n.actorName });
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return out;
}

/**
 * A work order's timeline as its rater sees it (SPEC §9): created, sent to 12345 (once it went),
 * each result from 12345, each record of the org's desk (回访情况, 核实结果, 整改措施, 办结 — not
 * who made it), the fix rated (and the reopening). Appeals and 督办 are the offices' own.
 */
export type RaterTimelineEntry =
  | { kind: "created"; at: number }
  | { kind: "sent"; at: number }
  | Extract<WorkOrderEvent, { kind: "result" }>
  | Extract<WorkOrderEvent, { kind: "fix_rated" }>
  | Omit<Extract<WorkOrderEvent, { kind: "desk" }>, "interviewed" | "by">;

export function raterTimeline(events: WorkOrderEvent[]): RaterTimelineEntry[] {
  return events.flatMap((e): RaterTimelineEntry[] => {
    switch (e.kind) {
      case "created":
        return [{ kind: "created", at: e.at }];
      case "sent":
        return e.status === "sent" && e.sentAt ? [{ kind: "sent", at: e.sentAt }] : [];
      case "result":
        return [{ kind: "result", at: e.at, status: e.status, text: e.text, verified: e.verified }];
      case "desk": {
        // who made the record is the office's to know, not the rater's
        const { at, close, visitText, verified, measures } = e;
        return [{ kind: "desk", at, close, visitText, verified, measures }];
      }
      case "fix_rated":
        return [{ kind: "fix_rated", at: e.at, level: e.level, reopened: e.reopened }];
      default:
        return [];
    }
  });
}
