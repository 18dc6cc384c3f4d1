import "server-only";

import { and, eq, gt, inArray, isNotNull, lte, or } from "drizzle-orm";

import {
  accounts,
  cases,
  items,
  orgs,
  outbox,
  ratings,
  superviseNotices,
  workOrders,
} from "@/db/schema";

import type { Deps } from "../deps";
import { queueSms } from "../outbox/outbox.service";
import { dueSoonLimit } from "../tasks/tasks.service";
import { shanghaiDate } from "../time/shanghai";
import { quietHours } from "./reminders.job";

/** An order or notice younger than this still gets its SMS (a quiet night, a stopped job); older ones were told or are history. */
const FRESH_MS = 3 * 24 * 3600_000;

type Reason = "new" | "due" | "overdue" | "supervise";

interface Wanted {
  key: string;
  /** the handler's sealed phone: opened only for a message not queued yet */
  phoneEnc: string;
  template: "task" | "supervise";
  params: { item: string; serial: string; due: string; link: string };
}

/**
 * SPEC §9 待办 SMS: a new order and one due within 2 working days text the opted-in handlers of its
 * org, an overdue one also those of the orgs above it, a 督办 those of the org it presses. Item,
 * 流水号, deadline and a link only — no rater PII, no free text; once per order, reason and
 * handler (the outbox's dedupe key); never in quiet hours (held to 08:00, as the reminders are).
 */
export async function sendTaskSms(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  if (quietHours(now)) return 0;
  const db = deps.database.db;
  const handlers = await db
    .select({ id: accounts.id, orgId: accounts.orgId, phoneEnc: accounts.phoneEnc })
    .from(accounts)
    .where(
      and(
        eq(accounts.role, "org_admin"),
        eq(accounts.active, true),
        eq(accounts.taskSms, true),
        isNotNull(accounts.phoneEnc),
      ),
    );
  if (handlers.length === 0) return 0;
  const parent = new Map(
    (await db.select({ id: orgs.id, parentId: orgs.parentId }).from(orgs)).map((o) => [
      o.id,
      o.parentId,
    ]),
  );
  const handlersOf = (orgId: string | null, upwards: boolean) => {
    const chain: string[] = [];
    for (
      let at = orgId, depth = 0;
      at && depth < 8;
      at = upwards ? (parent.get(at) ?? null) : null, depth++
    )
      chain.push(at);
    return handlers.filter((h) => h.orgId && chain.includes(h.orgId));
  };
  const soon = await dueSoonLimit(db, now);
  const order = {
    id: workOrders.id,
    orgId: workOrders.orgId,
    dueAt: workOrders.dueAt,
    createdAt: workOrders.createdAt,
    serialNo: cases.serialNo,
    callId: ratings.callId,
    itemName: items.name,
  };
  const orders = await db
    .select(order)
    .from(workOrders)
    .innerJoin(ratings, eq(ratings.id, workOrders.ratingId))
    .leftJoin(cases, eq(cases.id, workOrders.caseId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(
      and(
        eq(workOrders.done, 0),
        or(gt(workOrders.createdAt, now - FRESH_MS), lte(workOrders.dueAt, soon)),
      ),
    );
  const notices = await db
    .select({ ...order, noticeId: superviseNotices.id, orgId: superviseNotices.orgId })
    .from(superviseNotices)
    .innerJoin(workOrders, eq(workOrders.id, superviseNotices.workOrderId))
    .innerJoin(ratings, eq(ratings.id, workOrders.ratingId))
    .leftJoin(cases, eq(cases.id, workOrders.caseId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(and(eq(workOrders.done, 0), gt(superviseNotices.createdAt, now - FRESH_MS)));
  const wanted: Wanted[] = [];
  const add = (reason: Reason, key: string, o: (typeof orders)[number], upwards: boolean) => {
    for (const h of handlersOf(o.orgId, upwards))
      wanted.push({
        key: `${key}:${h.id}`,
        phoneEnc: h.phoneEnc!,
        template: reason === "supervise" ? "supervise" : "task",
        params: {
          item: o.itemName ?? "12345 来电评价",
          serial: o.serialNo ?? o.callId ?? o.id,
          due: shanghaiDate(o.dueAt - 1),
          link: `${deps.settings.publicUrl}/admin/work-orders/${o.id}`,
        },
      });
  };
  for (const o of orders) {
    if (o.createdAt > now - FRESH_MS) add("new", `task:new:${o.id}`, o, false);
    if (o.dueAt <= now) add("overdue", `task:overdue:${o.id}`, o, true);
    else if (o.dueAt <= soon) add("due", `task:due:${o.id}`, o, false);
  }
  for (const n of notices) add("supervise", `supervise:${n.noticeId}`, n, false);
  if (wanted.length === 0) return 0;
  const sent = new Set<string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const keys = wanted.slice(i, i + 500).map((w) => w.key);
    const rows = await db
      .select({ key: outbox.dedupeKey })
      .from(outbox)
      .where(and(eq(outbox.channel, "sms"), inArray(outbox.dedupeKey, keys)));
    for (const r of rows) sent.add(r.key);
  }
  const fresh = wanted.filter((w) => !sent.has(w.key));
  if (fresh.length)
    await deps.database.write(async (tx) => {
      for (const w of fresh)
        await queueSms(
          deps,
          tx,
          w.key,
          { to: deps.pii.decrypt(w.phoneEnc), template: w.template, params: w.params },
          now,
        );
    });
  return fresh.length;
}
