import "server-only";

import { eq, inArray } from "drizzle-orm";
import { z } from "zod";

import { appendedRatings, cases, ratings, workOrders } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { enqueue } from "../outbox/outbox.service";
import { openWorkOrder } from "../workorders/workorders.service";
import { ZLevel } from "./ratings.schema";
import { isBad, type Level } from "./vocabulary";

export const ZAppend = z.object({
  ratingId: z.string().min(10).max(40),
  level: ZLevel.optional(),
  text: z.string().trim().min(1, "请填写追加评价").max(500, "追加评价最多 500 字"),
  /** 同意回访 on an appended 差评 (SPEC §9): only then does 12345 get the phone */
  contact: z.boolean().default(false),
});
export type TAppend = z.input<typeof ZAppend>;

export interface AppendedView {
  id: string;
  ratingId: string;
  level: Level | null;
  text: string;
  bad: boolean;
  workOrderId: string | null;
  createdAt: number;
}

const fields = {
  id: appendedRatings.id,
  ratingId: appendedRatings.ratingId,
  level: appendedRatings.level,
  text: appendedRatings.text,
  bad: appendedRatings.bad,
  workOrderId: appendedRatings.workOrderId,
  createdAt: appendedRatings.createdAt,
};

/** The 追加评价 kept beside a rating, or null: for the rating page, /me and the work-order desk. */
export async function appendedFor(db: Reader, ratingId: string): Promise<AppendedView | null> {
  const [row] = await db
    .select(fields)
    .from(appendedRatings)
    .where(eq(appendedRatings.ratingId, ratingId));
  return row ?? null;
}

/** The 追加评价 of a case's ratings, by rating id (the rating page shows them beside each). */
export async function appendedOfCases(
  db: Reader,
  caseIds: string[],
): Promise<Map<string, AppendedView>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select(fields)
    .from(appendedRatings)
    .where(inArray(appendedRatings.caseId, caseIds));
  return new Map(rows.map((r) => [r.ratingId, r]));
}

/**
 * 追加评价 (SPEC §3): one per rated stage, by the rater whose rating it is (`applicantIds`: the
 * applicants the caller has proven to be). It is a row of its own beside the rating — the chained
 * rating is never touched — pushed upstream as an appended rating (评价次数 2), and an appended
 * 差评 on a stage rated well opens a work order, all in one write. A second one answers the first.
 */
export async function appendToRating(
  deps: Deps,
  applicantIds: string[],
  input: TAppend,
): Promise<AppendedView & { replay: boolean }> {
  return deps.database.write(async (tx) => {
    const [r] = await tx
      .select({
        id: ratings.id,
        applicantId: ratings.applicantId,
        source: ratings.source,
        caseId: ratings.caseId,
        bad: ratings.bad,
        orgId: cases.orgId,
      })
      .from(ratings)
      .innerJoin(cases, eq(cases.id, ratings.caseId))
      .where(eq(ratings.id, input.ratingId));
    // another person's rating is not found: its existence is not revealed
    if (!r || r.source !== "rater" || !r.applicantId || !applicantIds.includes(r.applicantId))
      throw new DomainError("not_found", "找不到这条评价");
    const first = await appendedFor(tx, r.id);
    if (first) return { ...first, replay: true };
    const now = deps.clock.now();
    const bad = input.level !== undefined && isBad(input.level);
    const [existing] = await tx
      .select({ id: workOrders.id })
      .from(workOrders)
      .where(eq(workOrders.ratingId, r.id));
    // the order answers for the rating and its appended words; a stage already rated badly has one
    const workOrderId =
      bad && !r.bad && !existing
        ? await openWorkOrder(
            deps,
            tx,
            { id: r.id, caseId: r.caseId, orgId: r.orgId, contactConsent: input.contact },
            now,
          )
        : null;
    const row = {
      id: newId(now),
      ratingId: r.id,
      caseId: r.caseId!,
      applicantId: r.applicantId,
      level: input.level ?? null,
      text: input.text,
      bad,
      workOrderId,
      createdAt: now,
    };
    await tx.insert(appendedRatings).values(row);
    await enqueue(
      deps,
      tx,
      { channel: "province", dedupeKey: `appended:${row.id}`, payload: { appendedId: row.id } },
      now,
    );
    return {
      id: row.id,
      ratingId: row.ratingId,
      level: row.level,
      text: row.text,
      bad,
      workOrderId,
      createdAt: now,
      replay: false,
    };
  });
}

/** Whether any of these ratings' stages already have a 追加评价 (for the /me list). */
export async function appendedOfRatings(
  db: Reader,
  ratingIds: string[],
): Promise<Map<string, AppendedView>> {
  if (ratingIds.length === 0) return new Map();
  const rows = await db
    .select(fields)
    .from(appendedRatings)
    .where(inArray(appendedRatings.ratingId, ratingIds));
  return new Map(rows.map((r) => [r.ratingId, r]));
}
