import "server-only";

import { and, asc, eq, inArray, lte } from "drizzle-orm";

import { cases, ratingStages } from "@/db/schema";
import type { Tx } from "@/db/types";

import { activeCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { writeChainedRatings } from "../ratings/chain-write";
import { defaultRating } from "../ratings/ratings.rules";

/**
 * Stages defaulted per commit. One commit (one fsync) for many stages is what makes a backlog
 * fast; the cap keeps each write short, because a citizen's submission queued behind it waits for
 * it to finish. `npm run bench:jobs` (BENCH_BATCH=n), 40 000 stages, one run each on this 2-core
 * machine: 100 a commit ran 30.6× one commit per stage but the p99 of submissions made meanwhile
 * was 2.5× their p99 with no job; 50: 23.8×, 3.0×; 25: 18.4×, 1.23× (targets ≥ 10×, ≤ 2×).
 */
export const DEFAULTS_PER_COMMIT = 25;
/** Stages defaulted per run at most; the timer comes back for the rest. */
export const DEFAULTS_PER_RUN = 50_000;

export interface BatchOpts {
  /** stages per commit; 1 is one commit per stage */
  batch?: number;
  /** stages per run */
  max?: number;
}

/**
 * Article 17: a stage not rated when its window closes gets its default (ratings.rules.ts
 * defaultRating, which the rating page shows too), marked `default` (source default, no rater)
 * so every statistic can be shown with and without defaults. The due stages are read inside the
 * write, so a stage rated meanwhile is never defaulted, and the batch's defaults are chained one
 * onto the other and inserted together (writeChainedRatings) in the same transaction. Idempotent: the
 * submission id is fixed.
 */
export async function writeDefaults(deps: Deps, opts: BatchOpts = {}): Promise<number> {
  const batch = Math.max(1, opts.batch ?? DEFAULTS_PER_COMMIT);
  const max = opts.max ?? DEFAULTS_PER_RUN;
  const now = deps.clock.now();
  const catalogue = await activeCatalogue(deps.database.db);
  let written = 0;
  for (;;) {
    const want = Math.min(batch, max - written);
    if (want <= 0) break;
    // one write per batch, awaited: the writer serves the citizens queued meanwhile between them
    const wrote = await deps.database.write((tx) =>
      defaultBatch(deps, tx, now, catalogue.version, want),
    );
    written += wrote;
    if (wrote < want) break;
  }
  return written;
}

async function defaultBatch(
  deps: Deps,
  tx: Tx,
  now: number,
  catalogVersion: number,
  limit: number,
): Promise<number> {
  const due = await tx
    .select({
      stageId: ratingStages.id,
      stage: ratingStages.stage,
      caseId: cases.id,
      orgId: cases.orgId,
      itemId: cases.itemId,
      batchNo: cases.batchNo,
      themeNo: cases.themeNo,
      staffId: ratingStages.staffId,
      windowId: ratingStages.windowId,
    })
    .from(ratingStages)
    .innerJoin(cases, eq(cases.id, ratingStages.caseId))
    .where(and(eq(ratingStages.status, "open"), lte(ratingStages.closesAt, now)))
    .orderBy(asc(ratingStages.closesAt))
    .limit(limit);
  if (due.length === 0) return 0;
  await writeChainedRatings(
    deps,
    tx,
    due.map((d) => {
      return {
        orgId: d.orgId,
        itemId: d.itemId,
        fields: {
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
          catalogVersion,
          ...defaultRating(d.stage),
          batchNo: d.batchNo,
          themeNo: d.themeNo,
          staffId: d.staffId,
          windowId: d.windowId,
          deviceHash: null,
          createdAt: now,
        },
      };
    }),
  );
  await tx
    .update(ratingStages)
    .set({ status: "defaulted", updatedAt: now })
    .where(
      inArray(
        ratingStages.id,
        due.map((d) => d.stageId),
      ),
    );
  return due.length;
}
