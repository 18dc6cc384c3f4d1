import "server-only";
import { and, eq } from "drizzle-orm";
import { cases, ratingStages, ratings, workOrders } from "@/db/schema";
import type { Tx } from "@/db/types";
import { activeCatalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import type { RaterSession } from "../identity/session";
import { verifyToken, type VerifyOptions } from "../qr/qr.service";
import { workOrderDueAt } from "../workorders/deadline";
import { chainHead, linkHash, type ChainedFields } from "./chain";
import { isBad, ratedIndicators, scoreProblems } from "./ratings.rules";
import type { TRatingReceipt, TSubmitRating } from "./ratings.schema";

const PROBLEM_TEXT = {
  needs_reason: "选择“不满意”或“非常不满意”时，请选择原因或填写不满意原因",
  other_needs_text: "选择“其他”时，请填写不满意原因",
  required: "请先选择总体评价",
} as const;

/** The case a token names, for a rater: batch and theme codes are rated through their own flow. */
export async function caseForToken(deps: Deps, token: string, opts: VerifyOptions = {}) {
  const claims = await verifyToken(deps, token, opts);
  if (claims.subject.type !== "case") throw new DomainError("invalid", "这个二维码用于批量或主题评价");
  const [c] = await deps.database.db.select().from(cases).where(eq(cases.serialNo, claims.subject.value));
  if (!c) throw new DomainError("not_found", "找不到这个办件");
  return { claims, c };
}

/**
 * Article 11 and SPEC §3 on the server: the rater must be the case's applicant, the stage open,
 * the scores valid for the stage; one rating per stage — a second submission of any kind answers
 * the first and writes nothing. The rating is chained and a bad one opens a work order, all in
 * the same write.
 */
export async function submitRating(deps: Deps, session: RaterSession, input: TSubmitRating): Promise<TRatingReceipt> {
  // the session proves the applicant; a window code it was proven with names the case still
  const { claims, c } = await caseForToken(deps, input.token, { allowUsed: true });
  if (c.applicantId !== session.applicantId) throw new DomainError("forbidden", "这个办件不是您办理的，不能评价", { reason: "wrong_person" });
  const catalogue = await activeCatalogue(deps.database.db);
  const channel = claims.kind === "dynamic" ? "window_qr" : "qr";

  return deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const replay = await firstRating(tx, input.submissionId, c.id, input.stage);
    if (replay) return replay;
    const [stage] = await tx.select().from(ratingStages).where(and(eq(ratingStages.caseId, c.id), eq(ratingStages.stage, input.stage)));
    if (!stage || stage.status !== "open" || stage.closesAt === null || now >= stage.closesAt) {
      throw new DomainError("gone", "这个评价已经关闭", { reason: stage?.status ?? "none" });
    }
    const problems = scoreProblems(input.scores, ratedIndicators(catalogue.indicators, input.stage, stage.staffId !== null), input.stage);
    if (problems.length) {
      const p = problems[0]!;
      const message = p.problem in PROBLEM_TEXT ? PROBLEM_TEXT[p.problem as keyof typeof PROBLEM_TEXT] : `评价内容不正确（${p.indicatorCode}）`;
      throw new DomainError("invalid", message, { problems });
    }
    const scores = input.scores.map((s) => ({ indicatorCode: s.indicatorCode, level: s.level, tagCodes: s.tagCodes, ...(s.text ? { text: s.text } : {}) }));
    const head = await chainHead(tx);
    const fields: ChainedFields = {
      id: newId(now),
      seq: head.seq + 1,
      submissionId: input.submissionId,
      stageId: stage.id,
      caseId: c.id,
      stage: input.stage,
      applicantId: session.applicantId,
      source: "rater",
      channel,
      proof: session.proof,
      catalogVersion: catalogue.version,
      overallLevel: scores.find((s) => s.indicatorCode === "overall")?.level ?? null,
      bad: scores.some((s) => isBad(s.level)),
      scores: JSON.stringify(scores),
      batchNo: c.batchNo,
      themeNo: c.themeNo,
      staffId: stage.staffId,
      windowId: stage.windowId,
      deviceHash: null,
      createdAt: now,
    };
    await tx.insert(ratings).values({ ...fields, prevHash: head.hash, hash: linkHash(head.hash, fields) });
    await tx.update(ratingStages).set({ status: "rated", updatedAt: now }).where(eq(ratingStages.id, stage.id));
    if (fields.bad) await openWorkOrder(tx, fields, c.orgId, now);
    return { ratingId: fields.id, stage: input.stage, createdAt: now, replay: false };
  });
}

async function firstRating(tx: Tx, submissionId: string, caseId: string, stage: "receipt" | "completion"): Promise<TRatingReceipt | undefined> {
  const [bySubmission] = await tx.select({ id: ratings.id, stage: ratings.stage, createdAt: ratings.createdAt }).from(ratings).where(eq(ratings.submissionId, submissionId));
  const [byStage] = bySubmission
    ? [bySubmission]
    : await tx.select({ id: ratings.id, stage: ratings.stage, createdAt: ratings.createdAt }).from(ratings).where(and(eq(ratings.caseId, caseId), eq(ratings.stage, stage)));
  return byStage ? { ratingId: byStage.id, stage: byStage.stage, createdAt: byStage.createdAt, replay: true } : undefined;
}

/** Article 21: created in the same transaction as the bad rating; delivered to 12345 by the outbox. */
async function openWorkOrder(tx: Tx, rating: ChainedFields, orgId: string, now: number): Promise<void> {
  await tx.insert(workOrders).values({
    id: newId(now),
    ratingId: rating.id,
    caseId: rating.caseId,
    orgId,
    status: "open",
    dueAt: await workOrderDueAt(tx, now),
    createdAt: now,
  });
}
