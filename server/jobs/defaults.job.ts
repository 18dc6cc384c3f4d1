import "server-only";
import { and, eq, lte } from "drizzle-orm";
import { cases, ratingStages } from "@/db/schema";
import { activeCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { appendRating } from "../ratings/append";

/**
 * Article 17: a stage not rated when its window closes gets 非常满意, marked `default` (source
 * default, no rater) so every statistic can be shown with and without defaults. Idempotent: the
 * stage is re-checked inside the write and its submission id is fixed.
 */
export async function writeDefaults(deps: Deps, limit = 200): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.database.db
    .select({ stageId: ratingStages.id, stage: ratingStages.stage, caseId: cases.id, orgId: cases.orgId, batchNo: cases.batchNo, themeNo: cases.themeNo, staffId: ratingStages.staffId, windowId: ratingStages.windowId })
    .from(ratingStages)
    .innerJoin(cases, eq(cases.id, ratingStages.caseId))
    .where(and(eq(ratingStages.status, "open"), lte(ratingStages.closesAt, now)))
    .limit(limit);
  const catalogue = await activeCatalogue(deps.database.db);
  let written = 0;
  for (const d of due) {
    const codes = d.stage === "receipt" ? ["svc.attitude", "svc.ability"] : ["overall"];
    const done = await deps.database.write(async (tx) => {
      const [stage] = await tx.select({ status: ratingStages.status }).from(ratingStages).where(eq(ratingStages.id, d.stageId));
      if (stage?.status !== "open") return false;
      await appendRating(
        deps,
        tx,
        {
          id: newId(now),
          submissionId: `default:${d.stageId}`,
          stageId: d.stageId,
          caseId: d.caseId,
          stage: d.stage,
          callId: null,
          applicantId: null,
          source: "default",
          channel: "system",
          proof: null,
          catalogVersion: catalogue.version,
          overallLevel: d.stage === "completion" ? "very_satisfied" : null,
          bad: false,
          scores: JSON.stringify(codes.map((indicatorCode) => ({ indicatorCode, level: "very_satisfied", tagCodes: [] }))),
          batchNo: d.batchNo,
          themeNo: d.themeNo,
          staffId: d.staffId,
          windowId: d.windowId,
          deviceHash: null,
          createdAt: now,
        },
        { orgId: d.orgId },
      );
      await tx.update(ratingStages).set({ status: "defaulted", updatedAt: now }).where(eq(ratingStages.id, d.stageId));
      return true;
    });
    if (done) written += 1;
  }
  return written;
}
