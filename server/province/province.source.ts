import "server-only";

import { eq } from "drizzle-orm";

import {
  appendedRatings,
  applicants,
  caseEvents,
  cases,
  hotlineCalls,
  items,
  orgs,
  ratings,
  staff,
} from "@/db/schema";

import type { Deps } from "../deps";
import { parseScores } from "../ratings/scores";
import type { RatingChannel } from "./province.codes";
import type { ProvinceRatingInput } from "./province.payload";

const regionOf = (orgCode: string) => orgCode.slice(0, 6);

/**
 * What the provincial push says about one rating, read when it is delivered (ratings never
 * change; the case is sent as it stands then). A 12345 call has no case: it is sent as a
 * finished call of the hotline itself.
 */
export async function provinceInputFor(deps: Deps, ratingId: string): Promise<ProvinceRatingInput> {
  const db = deps.database.db;
  const [r] = await db.select().from(ratings).where(eq(ratings.id, ratingId));
  if (!r) throw new Error(`rating ${ratingId} not found`);
  const scores = parseScores(r.scores);
  const main = scores.find((s) => s.indicatorCode === "overall") ?? scores[0];
  const base = {
    ratingId: r.id,
    source: r.source,
    stage: r.stage === "receipt" ? ("receipt" as const) : ("completion" as const),
    channel: r.channel as RatingChannel,
    level: main?.level ?? "very_satisfied",
    tagCodes: scores.flatMap((s) => s.tagCodes),
    text:
      scores
        .map((s) => s.text)
        .filter(Boolean)
        .join("；") || undefined,
    ratedAt: r.createdAt,
    ratingNumber: 1 as const,
  };
  if (!r.caseId) {
    const [call] = await db
      .select()
      .from(hotlineCalls)
      .where(eq(hotlineCalls.callId, r.callId ?? ""));
    const at = call?.occurredAt ?? r.createdAt;
    return {
      ...base,
      case: {
        serialNo: r.callId ?? r.id,
        itemCode: "12345",
        itemName: "12345 政务服务便民热线",
        orgCode: "440781",
        regionCode: "440781",
        receivedAt: at,
        completedAt: at,
        status: "completed",
        channel: "online_pc",
      },
      applicantType: "person",
      staffNo: call?.operatorNo,
    };
  }
  const [row] = await db
    .select({
      c: cases,
      itemCode: items.code,
      itemName: items.name,
      orgCode: orgs.code,
      applicantType: applicants.type,
    })
    .from(cases)
    .innerJoin(items, eq(items.id, cases.itemId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .innerJoin(applicants, eq(applicants.id, cases.applicantId))
    .where(eq(cases.id, r.caseId));
  if (!row) throw new Error(`case of rating ${ratingId} not found`);
  const [firstEvent] = await db
    .select({ at: caseEvents.occurredAt })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, r.caseId))
    .orderBy(caseEvents.occurredAt)
    .limit(1);
  const [person] = r.staffId
    ? await db.select({ no: staff.staffNo }).from(staff).where(eq(staff.id, r.staffId))
    : [];
  return {
    ...base,
    case: {
      serialNo: row.c.serialNo,
      itemCode: row.itemCode,
      itemName: row.itemName,
      orgCode: row.orgCode,
      regionCode: regionOf(row.orgCode),
      receivedAt: firstEvent?.at ?? row.c.createdAt,
      completedAt: row.c.completedAt,
      status: row.c.status,
      channel: row.c.channel,
    },
    applicantType: row.applicantType,
    staffNo: person?.no,
  };
}

/**
 * A 追加评价 as the province takes it: the same case and stage as the first rating, 评价次数 2
 * (GB/T 39046 / `assessNumber`), its own level (or the first rating's when none was given), its
 * own words and time, and its own record id.
 */
export async function appendedProvinceInputFor(
  deps: Deps,
  appendedId: string,
): Promise<ProvinceRatingInput> {
  const [a] = await deps.database.db
    .select()
    .from(appendedRatings)
    .where(eq(appendedRatings.id, appendedId));
  if (!a) throw new Error(`appended rating ${appendedId} not found`);
  const first = await provinceInputFor(deps, a.ratingId);
  return {
    ...first,
    ratingId: a.id,
    level: a.level ?? first.level,
    tagCodes: [],
    text: a.text,
    ratedAt: a.createdAt,
    ratingNumber: 2,
  };
}
