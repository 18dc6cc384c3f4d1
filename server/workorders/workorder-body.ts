import "server-only";

import { eq } from "drizzle-orm";

import {
  applicants,
  cases,
  fixRatings,
  hotlineCalls,
  items,
  orgs,
  ratings,
  staff,
  workOrders,
} from "@/db/schema";

import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { maskName } from "../privacy/mask";
import { appendedFor } from "../ratings/appended.service";
import { namedScores } from "../ratings/named-scores";

/**
 * The work order as 12345 receives it: what was rated badly and why, which case, item, org and
 * window — and of the rater only a masked name (article 16: no more PII than the revisit
 * needs), plus the phone when the rater ticked 同意回访 (SPEC §9).
 */
export async function workOrderBody(deps: Deps, workOrderId: string) {
  const db = deps.database.db;
  const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, workOrderId));
  if (!wo) throw new Error(`work order ${workOrderId} not found`);
  const [r] = await db.select().from(ratings).where(eq(ratings.id, wo.ratingId));
  if (!r) throw new Error(`rating of work order ${workOrderId} not found`);
  const scores = await namedScores(db, r.scores);
  let subject: Record<string, unknown> = {};
  let raterName: string | null = null;
  let raterPhone: string | null = null;
  if (r.caseId) {
    const [c] = await db
      .select({
        serialNo: cases.serialNo,
        itemCode: items.code,
        itemName: items.name,
        orgCode: orgs.code,
        orgName: orgs.name,
        piiEnc: applicants.piiEnc,
      })
      .from(cases)
      .innerJoin(items, eq(items.id, cases.itemId))
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .innerJoin(applicants, eq(applicants.id, cases.applicantId))
      .where(eq(cases.id, r.caseId));
    const [person] = r.staffId
      ? await db
          .select({ no: staff.staffNo, name: staff.name })
          .from(staff)
          .where(eq(staff.id, r.staffId))
      : [];
    subject = {
      case: c
        ? {
            serialNo: c.serialNo,
            itemCode: c.itemCode,
            itemName: c.itemName,
            orgCode: c.orgCode,
            orgName: c.orgName,
          }
        : null,
      staff: person ?? null,
    };
    const a = c ? openApplicantPii(deps.pii, c.piiEnc) : null;
    raterName = a ? a.name : null;
    raterPhone = a?.phone && wo.contactConsent ? a.phone : null;
  } else {
    const [call] = await db
      .select()
      .from(hotlineCalls)
      .where(eq(hotlineCalls.callId, r.callId ?? ""));
    subject = {
      call: call
        ? { callId: call.callId, operatorNo: call.operatorNo, channel: call.channel }
        : null,
    };
    raterName = call?.callerNameEnc ? deps.pii.decrypt(call.callerNameEnc) : null;
  }
  const [appended, [fix]] = await Promise.all([
    appendedFor(db, r.id),
    db.select().from(fixRatings).where(eq(fixRatings.workOrderId, wo.id)),
  ]);
  return {
    type: "work_order.created" as const,
    workOrderId: wo.id,
    // SPEC §9: `service` when a service part's 差评 under a good 总体评价 opened it (article 6)
    basis: wo.basis,
    status: wo.status,
    createdAt: new Date(wo.createdAt).toISOString(),
    dueAt: new Date(wo.dueAt).toISOString(),
    rating: {
      id: r.id,
      stage: r.stage,
      channel: r.channel,
      ratedAt: new Date(r.createdAt).toISOString(),
      scores,
    },
    ...subject,
    rater: {
      maskedName: raterName ? maskName(raterName) : null,
      ...(raterPhone ? { phone: raterPhone } : {}),
    },
    // 追加评价 (SPEC §3): the rater's appended words, beside the rating
    appended: appended
      ? {
          level: appended.level,
          text: appended.text,
          ratedAt: new Date(appended.createdAt).toISOString(),
        }
      : null,
    // 评价整改结果 (SPEC §9): how the rater rated the fix; 不满意 reopened the order
    fixRating: fix
      ? { level: fix.level, ratedAt: new Date(fix.createdAt).toISOString(), reopened: fix.reopened }
      : null,
  };
}
