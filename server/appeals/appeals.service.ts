import "server-only";

import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";

import {
  appealDecisions,
  appealFiles,
  appeals,
  cases,
  catalogVersions,
  hotlineCalls,
  indicators,
  items,
  orgs,
  ratings,
  staff,
  windows,
  workOrders,
} from "@/db/schema";
import type { Reader } from "@/db/types";

import type { AdminCtx } from "../access/admin-ctx";
import { assertInScope, type Scope, scopeWhere } from "../access/scope";
import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { type CheckedFile, checkEvidence, readStoredFile, storeFile } from "../files/files.service";
import { newId } from "../ids";
import { parseScores } from "../ratings/scores";
import { getSetting } from "../settings/settings.service";
import { rollupServiceNotAdopted } from "../stats/rollup";
import { setWorkOrderStatus } from "../workorders/workorders.service";
import {
  appealableIndicators,
  appealRefusal,
  decisionRefusal,
  openedOnlyByService,
  type RatingFacts,
  type Refusal,
} from "./appeals.rules";
import {
  type TDecideAppeal,
  type TFileAppeal,
  type TListAppeals,
  ZListAppeals,
} from "./appeals.schema";

type ScopedCtx = Pick<AdminCtx, "deps" | "scope">;
const refuse = (r: Refusal): never => {
  throw new DomainError(r.code, r.message, { field: r.field });
};

/** What the appeal rules need to know about a rating, and whose scope it is in. */
async function ratingFacts(deps: Deps, db: Reader, ratingId: string) {
  const [r] = await db
    .select({
      id: ratings.id,
      scores: ratings.scores,
      catalogVersion: ratings.catalogVersion,
      staffId: ratings.staffId,
      windowId: ratings.windowId,
      callId: ratings.callId,
      caseId: ratings.caseId,
      createdAt: ratings.createdAt,
      overallLevel: ratings.overallLevel,
      staffOrgId: staff.orgId,
      staffName: staff.name,
      staffNo: staff.staffNo,
      windowName: windows.name,
      serialNo: cases.serialNo,
      itemName: items.name,
    })
    .from(ratings)
    .leftJoin(staff, eq(staff.id, ratings.staffId))
    .leftJoin(windows, eq(windows.id, ratings.windowId))
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(eq(ratings.id, ratingId));
  if (!r) throw new DomainError("not_found", "找不到这条评价");
  const scores = parseScores(r.scores);
  const groups = await db
    .select({ code: indicators.code, grp: indicators.grp })
    .from(indicators)
    .innerJoin(catalogVersions, eq(catalogVersions.id, indicators.versionId))
    .where(eq(catalogVersions.version, r.catalogVersion));
  const groupMap = new Map(groups.map((g) => [g.code, g.grp]));
  let orgId = r.staffOrgId;
  let operatorNo: string | null = null;
  if (r.callId) {
    // a 12345 call: the operator belongs to the org the bureau names as 12345's (a setting)
    const [call] = await db
      .select({ operatorNo: hotlineCalls.operatorNo })
      .from(hotlineCalls)
      .where(eq(hotlineCalls.callId, r.callId));
    operatorNo = call?.operatorNo ?? scores.find((s) => s.operatorNo)?.operatorNo ?? null;
    const code = await getSetting(deps, "appeals.hotlineOrgCode");
    const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code));
    orgId = org?.id ?? null;
  }
  const facts: RatingFacts = {
    scores,
    groupOf: (c) => groupMap.get(c),
    hasPerson: r.staffId !== null || operatorNo !== null,
  };
  return { row: r, facts, orgId, operatorNo };
}

/** The scope check of every appeal read: a rating of another scope (or of no person) is not found. */
async function ratingInScope(deps: Deps, db: Reader, scope: Scope, ratingId: string) {
  const found = await ratingFacts(deps, db, ratingId);
  assertInScope(scope, found.orgId, "评价");
  return found;
}

/** For the form: the rating's service part, whether it may be appealed and why not. */
export async function appealableRating({ deps, scope }: ScopedCtx, ratingId: string) {
  const { row, facts, operatorNo } = await ratingInScope(deps, deps.database.db, scope, ratingId);
  const [existing] = await deps.database.db
    .select({ id: appeals.id, outcome: appealDecisions.outcome })
    .from(appeals)
    .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
    .where(and(eq(appeals.ratingId, ratingId), eq(appeals.part, "service")));
  return {
    ratingId,
    serialNo: row.serialNo,
    itemName: row.itemName,
    staffName: row.staffName,
    staffNo: row.staffNo,
    windowName: row.windowName,
    operatorNo,
    createdAt: row.createdAt,
    scores: facts.scores.map((s) => ({
      indicatorCode: s.indicatorCode,
      level: s.level,
      group: facts.groupOf(s.indicatorCode) ?? null,
    })),
    appealable: appealableIndicators(facts),
    existingAppealId: existing?.id ?? null,
    appealStatus: existing ? (existing.outcome ?? ("pending" as const)) : null,
    /** the service part is marked 不予采纳 (an adopted appeal) */
    notAdopted: existing?.outcome === "adopted",
  };
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Article 22: an org admin appeals a rating's service part with a reason and 1–5 evidence files.
 * The rules first (who, what, the fields), then the files by their content, then one write: the
 * appeal, its files and the audit record. One appeal per rating part, ever.
 */
export async function fileAppeal(
  { deps, staff: session, actor, scope }: AdminCtx,
  req: TFileAppeal,
  uploads: UploadedFile[],
): Promise<{ appealId: string }> {
  if (session.role === "staff") throw new DomainError("forbidden", "无权访问");
  const { row, facts, orgId, operatorNo } = await ratingInScope(
    deps,
    deps.database.db,
    scope,
    req.ratingId,
  );
  const refusal = appealRefusal(
    {
      role: session.role,
      indicatorCodes: req.indicatorCodes,
      reason: req.reason,
      fileCount: uploads.length,
    },
    facts,
  );
  if (refusal) refuse(refusal);
  const files: CheckedFile[] = uploads.map((u) => checkEvidence(u.name, u.bytes));
  // stored before the write: content-addressed, so a refused write leaves only an unreferenced copy
  const hashes = await Promise.all(files.map((f) => storeFile(deps, f.bytes)));
  const now = deps.clock.now();
  const appealId = newId(now);
  await deps.database.write(async (tx) => {
    const [existing] = await tx
      .select({ id: appeals.id, decided: appealDecisions.id })
      .from(appeals)
      .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
      .where(and(eq(appeals.ratingId, req.ratingId), eq(appeals.part, "service")));
    if (existing)
      throw new DomainError(
        "conflict",
        existing.decided
          ? "这条评价的服务评价已申诉并已决定，决定为最终结果，不能再次申诉"
          : "这条评价的服务评价已有待决定的申诉，不能重复申诉",
        {
          field: "ratingId",
          appealId: existing.id,
        },
      );
    await tx.insert(appeals).values({
      id: appealId,
      ratingId: req.ratingId,
      part: "service",
      indicators: JSON.stringify([...new Set(req.indicatorCodes)]),
      orgId: orgId!,
      staffId: row.staffId,
      windowId: row.windowId,
      operatorNo,
      reason: req.reason.trim(),
      filedBy: actor.id,
      filedByName: actor.name,
      filedAt: now,
    });
    await tx.insert(appealFiles).values(
      files.map((f, i) => ({
        id: newId(now),
        appealId,
        sha256: hashes[i]!,
        name: f.name,
        mime: f.mime,
        size: f.size,
        sort: i,
      })),
    );
    await audit(
      deps,
      actor,
      {
        action: "appeal.file",
        target: `appeal:${appealId}`,
        orgId,
        reason: req.reason.trim(),
        detail: { ratingId: req.ratingId, indicators: req.indicatorCodes, files: files.length },
      },
      tx,
    );
  });
  return { appealId };
}

/**
 * The bureau decides 采纳 / 驳回 with a reason, once (append-only; the unique index makes a
 * second decision fail even in a race). 采纳 marks the rating's service part 不予采纳: the rating
 * is untouched; a work order opened only by that part ends `not_adopted`; statistics are told.
 */
export async function decideAppeal(
  { deps, staff: session, actor, scope }: AdminCtx,
  req: TDecideAppeal,
): Promise<{ appealId: string; outcome: "adopted" | "rejected"; workOrder: string | null }> {
  return deps.database.write(async (tx) => {
    const [a] = await tx
      .select()
      .from(appeals)
      .where(and(eq(appeals.id, req.appealId), scopeWhere(scope, appeals.orgId)));
    if (!a) throw new DomainError("not_found", "找不到这条申诉");
    const [decided] = await tx
      .select({ id: appealDecisions.id })
      .from(appealDecisions)
      .where(eq(appealDecisions.appealId, a.id));
    const refusal = decisionRefusal({
      role: session.role,
      outcome: req.outcome,
      reason: req.reason,
      alreadyDecided: !!decided,
    });
    if (refusal) refuse(refusal);
    const now = deps.clock.now();
    await tx.insert(appealDecisions).values({
      id: newId(now),
      appealId: a.id,
      ratingId: a.ratingId,
      outcome: req.outcome,
      reason: req.reason.trim(),
      orgId: a.orgId,
      staffId: a.staffId,
      windowId: a.windowId,
      decidedBy: actor.id,
      decidedByName: actor.name,
      decidedAt: now,
    });
    let workOrder: string | null = null;
    if (req.outcome === "adopted") {
      const { facts } = await ratingFacts(deps, tx, a.ratingId);
      const [wo] = await tx
        .select({ id: workOrders.id, status: workOrders.status })
        .from(workOrders)
        .where(eq(workOrders.ratingId, a.ratingId));
      if (wo && openedOnlyByService(facts) && wo.status !== "not_adopted") {
        await setWorkOrderStatus(tx, wo.id, "not_adopted", now);
        workOrder = wo.id;
      }
      // article 23's rollups: the service part leaves the staff's and window's figures, in this transaction
      await rollupServiceNotAdopted(tx, a.ratingId);
    }
    await audit(
      deps,
      actor,
      {
        action: "appeal.decide",
        target: `appeal:${a.id}`,
        orgId: a.orgId,
        reason: req.reason.trim(),
        detail: { outcome: req.outcome, ratingId: a.ratingId, workOrderNotAdopted: workOrder },
      },
      tx,
    );
    return { appealId: a.id, outcome: req.outcome, workOrder };
  });
}

const status = sql<
  "pending" | "adopted" | "rejected"
>`coalesce(${appealDecisions.outcome}, 'pending')`;

/** The appeals of my scope, newest first (keyset on filed_at, id; both indexed). */
export async function listAppeals(
  { deps, scope }: ScopedCtx,
  q: TListAppeals = ZListAppeals.parse({}),
) {
  const conds: (SQL | undefined)[] = [scopeWhere(scope, appeals.orgId)];
  if (q.status === "pending") conds.push(isNull(appealDecisions.id));
  else if (q.status) conds.push(eq(appealDecisions.outcome, q.status));
  if (q.before)
    conds.push(
      or(
        lt(appeals.filedAt, q.before.filedAt),
        and(eq(appeals.filedAt, q.before.filedAt), lt(appeals.id, q.before.id)),
      ),
    );
  const rows = await deps.database.db
    .select({
      id: appeals.id,
      ratingId: appeals.ratingId,
      // SPEC §7: the list names each appeal's 办件流水号 (a 12345 call: its call id)
      serialNo: sql<string | null>`coalesce(${cases.serialNo}, ${ratings.callId})`,
      indicators: appeals.indicators,
      orgId: appeals.orgId,
      orgName: orgs.name,
      staffName: staff.name,
      staffNo: staff.staffNo,
      operatorNo: appeals.operatorNo,
      filedByName: appeals.filedByName,
      filedAt: appeals.filedAt,
      status,
      decidedAt: appealDecisions.decidedAt,
    })
    .from(appeals)
    .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
    .leftJoin(orgs, eq(orgs.id, appeals.orgId))
    .leftJoin(staff, eq(staff.id, appeals.staffId))
    .leftJoin(ratings, eq(ratings.id, appeals.ratingId))
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .where(and(...conds))
    .orderBy(desc(appeals.filedAt), desc(appeals.id))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, indicators: JSON.parse(r.indicators) as string[] }));
}

/** One appeal with its files and decision; another scope's is not found. */
export async function getAppeal(c: ScopedCtx, id: string) {
  const { deps, scope } = c;
  const [a] = await deps.database.db
    .select({ appeal: appeals, decision: appealDecisions, orgName: orgs.name })
    .from(appeals)
    .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
    .leftJoin(orgs, eq(orgs.id, appeals.orgId))
    .where(and(eq(appeals.id, id), scopeWhere(scope, appeals.orgId)));
  if (!a) throw new DomainError("not_found", "找不到这条申诉");
  const files = await deps.database.db
    .select({
      id: appealFiles.id,
      name: appealFiles.name,
      mime: appealFiles.mime,
      size: appealFiles.size,
    })
    .from(appealFiles)
    .where(eq(appealFiles.appealId, id))
    .orderBy(asc(appealFiles.sort));
  const rating = await appealableRating(c, a.appeal.ratingId);
  return {
    ...a.appeal,
    indicators: JSON.parse(a.appeal.indicators) as string[],
    orgName: a.orgName,
    status: a.decision?.outcome ?? ("pending" as const),
    decision: a.decision
      ? {
          outcome: a.decision.outcome,
          reason: a.decision.reason,
          decidedByName: a.decision.decidedByName,
          decidedAt: a.decision.decidedAt,
        }
      : null,
    files,
    rating,
  };
}

/** An evidence file, after the scope check of its appeal; the caller sends it as an attachment. */
export async function evidenceFile({ deps, scope }: ScopedCtx, appealId: string, fileId: string) {
  const [f] = await deps.database.db
    .select({ sha256: appealFiles.sha256, name: appealFiles.name, mime: appealFiles.mime })
    .from(appealFiles)
    .innerJoin(appeals, eq(appeals.id, appealFiles.appealId))
    .where(
      and(
        eq(appealFiles.id, fileId),
        eq(appealFiles.appealId, appealId),
        scopeWhere(scope, appeals.orgId),
      ),
    );
  if (!f) throw new DomainError("not_found", "找不到这个文件");
  return { name: f.name, mime: f.mime, bytes: await readStoredFile(deps, f.sha256) };
}

/**
 * Which of these ratings have their service part marked 不予采纳 (an adopted appeal): for the
 * work-order page, the rating views and statistics.
 */
export async function notAdoptedRatingIds(db: Reader, ratingIds: string[]): Promise<Set<string>> {
  if (ratingIds.length === 0) return new Set();
  const rows = await db
    .select({ ratingId: appealDecisions.ratingId })
    .from(appealDecisions)
    .where(
      and(inArray(appealDecisions.ratingId, ratingIds), eq(appealDecisions.outcome, "adopted")),
    );
  return new Set(rows.map((r) => r.ratingId));
}

/** Every rating whose service part is 不予采纳: what `npm run stats:rebuild` moves out of the staff's figures. */
export async function allNotAdoptedRatingIds(db: Reader): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ ratingId: appealDecisions.ratingId })
    .from(appealDecisions)
    .where(eq(appealDecisions.outcome, "adopted"));
  return new Set(rows.map((r) => r.ratingId));
}

/** The appeals of these ratings (for the work orders' timelines). */
export async function appealsOfRatings(db: Reader, ratingIds: string[]) {
  if (ratingIds.length === 0) return [];
  return db
    .select({
      ratingId: appeals.ratingId,
      id: appeals.id,
      filedAt: appeals.filedAt,
      filedByName: appeals.filedByName,
      outcome: appealDecisions.outcome,
      decidedAt: appealDecisions.decidedAt,
    })
    .from(appeals)
    .leftJoin(appealDecisions, eq(appealDecisions.appealId, appeals.id))
    .where(inArray(appeals.ratingId, ratingIds));
}

/** The appeals of one rating (the rating desk lists them). */
export async function appealsOfRating(db: Reader, ratingId: string) {
  return (await appealsOfRatings(db, [ratingId])).map(({ ratingId: _, ...a }) => a);
}
