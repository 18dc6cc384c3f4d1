import "server-only";

import { and, count, eq, like, or } from "drizzle-orm";

import {
  cases,
  coercionFlags,
  items,
  misconductMarks,
  orgs,
  ratings,
  workOrders,
} from "@/db/schema";
import type { Reader } from "@/db/types";

import type { AdminCtx } from "../access/admin-ctx";
import { inScope, type Scope } from "../access/scope";
import { appealsOfRating } from "../appeals/appeals.service";
import { windowAndStaff } from "../catalog/catalog.service";
import { DomainError } from "../errors";
import { maskName, maskPhone } from "../privacy/mask";
import { raterOf, revealRater } from "../privacy/reveal";
import { appendedFor } from "../ratings/appended.service";
import { namedScores } from "../ratings/named-scores";
import { ratingLevel, serviceLevel } from "../ratings/vocabulary";
import { BASIS_WORD, STATUS_WORD } from "../workorders/workorders.rules";
import type { TRatingReveal } from "./ratingdesk.schema";

/**
 * The rating and the org whose scope it is in (its case's org; a 12345 call has none, so only the
 * bureau reads it), or not-found — also for another scope's rating (SPEC §7: never "forbidden").
 */
export async function ratingInScope(db: Reader, scope: Scope, id: string) {
  const [row] = await db
    .select({ rating: ratings, orgId: cases.orgId })
    .from(ratings)
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .where(eq(ratings.id, id));
  if (!row || !(scope.all || inScope(scope, row.orgId)))
    throw new DomainError("not_found", "找不到这条评价");
  return row;
}

/**
 * One rating (SPEC §7 `/admin/ratings/<id>`): stage, channel, time, each part with its tags and
 * reason, the 追加评价, the case, window and staff, the rater masked (unmasked only when they
 * ticked 同意回访 on its order), its work order, appeals, 涉嫌违纪违法 marks and coercion flags.
 */
export async function ratingDetail({ deps, scope }: Pick<AdminCtx, "deps" | "scope">, id: string) {
  const db = deps.database.db;
  const { rating: r } = await ratingInScope(db, scope, id);
  const [c] = r.caseId
    ? await db
        .select({
          serialNo: cases.serialNo,
          itemCode: items.code,
          itemName: items.name,
          orgName: orgs.name,
        })
        .from(cases)
        .innerJoin(items, eq(items.id, cases.itemId))
        .innerJoin(orgs, eq(orgs.id, cases.orgId))
        .where(eq(cases.id, r.caseId))
    : [];
  const { win, person } = await windowAndStaff(db, r);
  const [wo] = await db
    .select({
      id: workOrders.id,
      status: workOrders.status,
      basis: workOrders.basis,
      consent: workOrders.contactConsent,
    })
    .from(workOrders)
    .where(eq(workOrders.ratingId, r.id));
  const [marks] = await db
    .select({ n: count() })
    .from(misconductMarks)
    .where(and(eq(misconductMarks.targetKind, "rating"), eq(misconductMarks.targetId, r.id)));
  // article 4's flags name cases (never a rater) in their evidence; the table holds a few per day
  const flags = c
    ? await db
        .select({
          id: coercionFlags.id,
          kind: coercionFlags.kind,
          day: coercionFlags.day,
          reviewed: coercionFlags.reviewedAt,
        })
        .from(coercionFlags)
        .where(
          or(
            like(coercionFlags.evidence, `%"${c.serialNo}"%`),
            like(coercionFlags.evidence, `%"${r.id}"%`),
          ),
        )
    : [];
  const scores = await namedScores(db, r.scores);
  const rater = await raterOf(deps, db, { caseId: r.caseId, ratingId: r.id });
  const consent = wo?.consent ?? false;
  return {
    id: r.id,
    stage: r.stage,
    channel: r.channel,
    source: r.source,
    createdAt: r.createdAt,
    level: ratingLevel(r.overallLevel, scores),
    serviceLevel: serviceLevel(scores),
    scores,
    appended: await appendedFor(db, r.id),
    case: c ?? null,
    callId: r.callId,
    window: win ?? null,
    staff: person ?? null,
    // article 16: the phone only when the rater ticked 同意回访; otherwise an audited 查看完整信息
    rater: {
      consent,
      name: rater.name ? maskName(rater.name) : null,
      phone: rater.phone ? (consent ? rater.phone : maskPhone(rater.phone)) : null,
    },
    workOrder: wo
      ? {
          id: wo.id,
          status: wo.status,
          statusWord: STATUS_WORD[wo.status],
          basis: wo.basis,
          basisWord: BASIS_WORD[wo.basis],
        }
      : null,
    appeals: await appealsOfRating(db, r.id),
    misconductMarks: marks?.n ?? 0,
    flags,
  };
}
export type TRatingDetail = Awaited<ReturnType<typeof ratingDetail>>;

/** 查看完整信息 on a rating: as on a work order, the reason audited (article 16). */
export async function revealRatingRater(
  c: Pick<AdminCtx, "deps" | "actor" | "scope">,
  input: TRatingReveal,
): Promise<{ name: string | null; phone: string | null }> {
  const { rating: r, orgId } = await ratingInScope(c.deps.database.db, c.scope, input.id);
  return revealRater(
    c,
    { kind: "rating", id: r.id, orgId, caseId: r.caseId, ratingId: r.id },
    input.reason,
  );
}
