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

/** A case completed at that window and rated 不满意 with a tag and a reason: its work order. */
export async function badlyRated(deps: Deps, place: keyof typeof PLACES, o: { text?: string; contactConsent?: boolean; tag?: string } = {}) {
  const c = await completedCase(deps, { case: PLACES[place] });
  await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: `bad-${c.serialNo}`,
      stage: "completion",
      scores: [
        {
          indicatorCode: "overall",
          level: "unsatisfied",
          tagCodes: [o.tag ?? "overall.unsatisfied.1"],
          text: o.text ?? "窗口人员态度冷淡，材料清单讲得不清楚",
        },
      ],
      ...(o.contactConsent ? { contactConsent: true } : {}),
    },
  );
  const [wo] = await deps.database.db.select().from(workOrders).where(eq(workOrders.caseId, c.caseId));
  return { ...c, workOrderId: wo!.id };
}
