import { eq } from "drizzle-orm";

import { workOrders } from "../db/schema";
import type { Deps } from "../server/deps";
import { submitRating } from "../server/ratings/ratings.service";
import { completedCase } from "./rating-fixtures";

/** The demo's windows with their staff, item and org (SPEC §6 back-office additions). */
export const PLACES = {
  W01: { windowCode: "W01", staffNo: "TS0001", itemCode: "ITEM-0001", orgCode: "440781" },
  W11: { windowCode: "W11", staffNo: "TS1101", itemCode: "ITEM-0101", orgCode: "440781101" },
  W21: { windowCode: "W21", staffNo: "TS1201", itemCode: "ITEM-0201", orgCode: "440781102" },
} as const;

type Scores = Parameters<typeof submitRating>[2]["scores"];

/** A case completed at that window and rated with these scores on its completion stage: its orders. */
async function ratedWith(
  deps: Deps,
  place: keyof typeof PLACES,
  scores: Scores,
  contactConsent = false,
) {
  const c = await completedCase(deps, { case: PLACES[place] });
  const rated = await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: `rated-${c.serialNo}`,
      stage: "completion",
      scores,
      ...(contactConsent ? { contactConsent: true } : {}),
    },
  );
  const orders = await deps.database.db
    .select()
    .from(workOrders)
    .where(eq(workOrders.caseId, c.caseId));
  return { ...c, orders, workOrderId: orders[0]!.id, ratingId: rated.ratingId };
}

/** A case completed at that window and rated 不满意 with a tag and a reason: its work order. */
export async function badlyRated(
  deps: Deps,
  place: keyof typeof PLACES,
  o: { text?: string; contactConsent?: boolean; tag?: string } = {},
) {
  const scores: Scores = [
    {
      indicatorCode: "overall",
      level: "unsatisfied",
      tagCodes: [o.tag ?? "overall.unsatisfied.1"],
      text: o.text ?? "窗口人员态度冷淡，材料清单讲得不清楚",
    },
  ];
  return ratedWith(deps, place, scores, o.contactConsent);
}

/**
 * SPEC §9's W11 rating: 总体评价 满意 but 服务态度 非常不满意 with a tag and a reason — its level is
 * good, and article 6 still has the service part verified: one order, basis `service`.
 */
export async function serviceBadlyRated(deps: Deps, place: keyof typeof PLACES = "W11") {
  return ratedWith(deps, place, [
    { indicatorCode: "overall", level: "satisfied", tagCodes: [] },
    {
      indicatorCode: "svc.attitude",
      level: "very_unsatisfied",
      tagCodes: ["svc.attitude.very_unsatisfied.1"],
      text: "窗口人员说话不耐烦",
    },
  ]);
}
