import "server-only";

import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";

import { cases, coercionFlags, ratings, windows } from "@/db/schema";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { getSetting } from "../settings/settings.service";
import { DAY, shanghaiDate, shanghaiDayStart } from "../time/shanghai";
import { deviceRuns, fastDays, WINDOW_24H } from "./flags.rules";

/** How far back each run looks; flags are unique by (kind, key), so looking again writes nothing. */
const LOOKBACK_DAYS = 3;

/**
 * Article 4: finds the two coercion patterns in recent ratings and records a flag for each (SPEC
 * §9). Reads ratings, writes only coercion_flags: a flag never changes a rating. Window days are
 * judged once they are over (a day's share is not known before its end).
 */
export async function findCoercion(deps: Deps): Promise<{ device: number; windowFast: number }> {
  const now = deps.clock.now();
  const today = shanghaiDayStart(now);
  const since = today - LOOKBACK_DAYS * DAY;
  const db = deps.database.db;
  const [minApplicants, seconds, share, minimum] = await Promise.all([
    getSetting(deps, "flags.deviceApplicants"),
    getSetting(deps, "flags.fastSeconds"),
    getSetting(deps, "flags.fastShare"),
    getSetting(deps, "flags.fastMinimum"),
  ]);

  // one device, several applicants: a day's ratings, read from ratings_created_id_idx
  const byDevice = await db
    .select({
      id: ratings.id,
      deviceHash: ratings.deviceHash,
      applicantId: ratings.applicantId,
      serialNo: cases.serialNo,
      createdAt: ratings.createdAt,
    })
    .from(ratings)
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .where(
      and(
        isNotNull(ratings.deviceHash),
        isNotNull(ratings.applicantId),
        gte(ratings.createdAt, since - WINDOW_24H),
      ),
    );
  const runs = deviceRuns(
    byDevice.map((r) => ({ ...r, deviceHash: r.deviceHash!, applicantId: r.applicantId! })),
    minApplicants,
  );

  // one window, 非常满意 right after completion: the period's range of ratings_created_id_idx
  const level = sql<
    string | null
  >`coalesce(${ratings.overallLevel}, json_extract(${ratings.scores}, '$[0].level'))`;
  const byWindow = await db
    .select({
      id: ratings.id,
      windowId: ratings.windowId,
      level,
      serialNo: cases.serialNo,
      completedAt: cases.completedAt,
      createdAt: ratings.createdAt,
      orgId: windows.orgId,
      windowCode: windows.code,
    })
    .from(ratings)
    .innerJoin(cases, eq(cases.id, ratings.caseId))
    .innerJoin(windows, eq(windows.id, ratings.windowId))
    .where(
      and(
        isNotNull(ratings.windowId),
        eq(ratings.stage, "completion"),
        eq(ratings.source, "rater"),
        gte(ratings.createdAt, since),
        lt(ratings.createdAt, today),
      ),
    );
  const days = fastDays(
    byWindow.map((r) => ({ ...r, windowId: r.windowId!, day: shanghaiDate(r.createdAt) })),
    { seconds, share, minimum },
  );
  const windowOf = new Map(byWindow.map((r) => [r.windowId!, r]));

  const rows = [
    ...runs.map((run) => {
      const labels = new Map<string, string>();
      for (const r of run.ratings)
        if (!labels.has(r.applicantId)) labels.set(r.applicantId, `申请人${labels.size + 1}`);
      return {
        kind: "device" as const,
        key: `${run.deviceHash}:${run.ratings[0]!.id}`,
        orgId: null,
        windowId: null,
        day: shanghaiDate(run.ratings[0]!.createdAt),
        // raters are named only as 申请人1, 申请人2 … (article 16): the cases and times are the evidence
        evidence: {
          device: run.deviceHash.slice(0, 8),
          applicants: run.applicants,
          ratings: run.ratings.map((r) => ({
            ratingId: r.id,
            serialNo: r.serialNo,
            ratedAt: r.createdAt,
            applicant: labels.get(r.applicantId),
          })),
        },
      };
    }),
    ...days.map((d) => ({
      kind: "window_fast" as const,
      key: `${d.windowId}:${d.day}`,
      orgId: windowOf.get(d.windowId)?.orgId ?? null,
      windowId: d.windowId,
      day: d.day,
      evidence: {
        window: windowOf.get(d.windowId)?.windowCode ?? null,
        verySatisfied: d.verySatisfied,
        fast: d.fast.length,
        share: Math.round(d.share * 1000) / 1000,
        seconds,
        ratings: d.fast.map((r) => ({
          ratingId: r.id,
          serialNo: r.serialNo,
          completedAt: r.completedAt,
          ratedAt: r.createdAt,
          seconds: Math.round((r.createdAt - r.completedAt!) / 1000),
        })),
      },
    })),
  ];
  if (rows.length === 0) return { device: 0, windowFast: 0 };
  const written = await deps.database.write(async (tx) =>
    tx
      .insert(coercionFlags)
      .values(
        rows.map((r) => ({
          id: newId(now),
          ...r,
          evidence: JSON.stringify(r.evidence),
          detectedAt: now,
        })),
      )
      .onConflictDoNothing({ target: [coercionFlags.kind, coercionFlags.key] })
      .returning({ kind: coercionFlags.kind }),
  );
  return {
    device: written.filter((w) => w.kind === "device").length,
    windowFast: written.filter((w) => w.kind === "window_fast").length,
  };
}
