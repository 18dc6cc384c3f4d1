import "server-only";

import { eq } from "drizzle-orm";

import { hotlineCalls, ratings, workOrderResults, workOrders } from "@/db/schema";
import zhCN from "@/messages/zh-CN.json";

import { activeCatalogue, type Catalogue } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { canonicalJson } from "../json";
import { writeChainedRating } from "../ratings/chain-write";
import type { StoredScore } from "../ratings/scores";
import { isBad, isServiceIndicator, SERVICE_INDICATORS } from "../ratings/vocabulary";
import { hotlineResultRefusal } from "../workorders/workorders.rules";
import { setWorkOrderStatus } from "../workorders/workorders.service";
import type {
  THotlineRating,
  THotlineRatingAnswer,
  TWorkOrderResult,
  TWorkOrderResultAnswer,
} from "./hotline.schema";

/** The operator's number is kept in the chained scores so who was rated cannot be changed unseen (article 22 appeals name the operator). */
type OperatorScore = StoredScore & { operatorNo: string };

/**
 * Article 11 and the catalogue for a call: `level` is the 服务态度 level; each tag is filed under
 * the indicator it belongs to, and an 服务能力 tag rates 服务能力 at the same level, so the stored
 * scores read like any other rating's.
 */
function operatorScores(catalogue: Catalogue, input: THotlineRating): OperatorScore[] {
  const text = input.text ? input.text : undefined;
  // the 12345 operator is rated with the staff table's two service indicators (SPEC §3)
  const tagged = new Map<string, string[]>(SERVICE_INDICATORS.map((code) => [code, []]));
  for (const code of input.tags ?? []) {
    const indicator = catalogue.indicators.find(
      (i) => isServiceIndicator(i.code) && i.tags.some((t) => t.code === code),
    );
    const tag = indicator?.tags.find((t) => t.code === code);
    if (!indicator || !tag)
      throw new DomainError("invalid", `标签 ${code} 不是服务态度或服务能力的评价标签`);
    if (tag.level !== input.level)
      throw new DomainError(
        "invalid",
        `标签 ${code} 属于“${zhCN.client.levels[tag.level]}”，与评价等级“${zhCN.client.levels[input.level]}”不符`,
      );
    if (tag.needsText && !text) throw new DomainError("invalid", "选择“其他”时，请填写不满意原因");
    tagged.get(indicator.code)?.push(code);
  }
  if (isBad(input.level) && !input.tags?.length && !text) {
    throw new DomainError(
      "invalid",
      "“不满意”或“非常不满意”的评价需要至少一个评价标签或不满意原因",
    );
  }
  const ability = tagged.get("svc.ability") ?? [];
  return [
    {
      indicatorCode: "svc.attitude",
      level: input.level,
      tagCodes: tagged.get("svc.attitude") ?? [],
      ...(text ? { text } : {}),
      operatorNo: input.operatorNo,
    },
    ...(ability.length
      ? [
          {
            indicatorCode: "svc.ability",
            level: input.level,
            tagCodes: ability,
            operatorNo: input.operatorNo,
          },
        ]
      : []),
  ];
}

/**
 * SPEC §6 `POST /api/v1/hotline/ratings` (articles 15, 19): a 12345 caller's rating of the
 * operator, chained like every rating, pushed upstream, and — when bad — a work order in the same
 * write (article 21). Idempotent on callId: a replay answers the first answer, another body is a 409.
 */
export async function recordHotlineRating(
  deps: Deps,
  clientId: string,
  input: THotlineRating,
): Promise<THotlineRatingAnswer> {
  const catalogue = await activeCatalogue(deps.database.db);
  const bodyHash = deps.pii.digest("hotline-rating", canonicalJson({ clientId, body: input }));

  return deps.database.write(async (tx) => {
    const [first] = await tx
      .select({ bodyHash: hotlineCalls.bodyHash, ratingId: ratings.id, workOrderId: workOrders.id })
      .from(hotlineCalls)
      .innerJoin(ratings, eq(ratings.callId, hotlineCalls.callId))
      .leftJoin(workOrders, eq(workOrders.ratingId, ratings.id))
      .where(eq(hotlineCalls.callId, input.callId));
    if (first) {
      if (first.bodyHash !== bodyHash)
        throw new DomainError(
          "conflict",
          `callId ${input.callId} was already used with a different body`,
        );
      return { ratingId: first.ratingId, callId: input.callId, workOrderId: first.workOrderId };
    }
    // checked after the replay lookup, so a replay answers even if the catalogue changed since
    const scores = operatorScores(catalogue, input);
    const now = deps.clock.now();
    await tx.insert(hotlineCalls).values({
      id: newId(now),
      callId: input.callId,
      operatorNo: input.operatorNo,
      channel: input.channel,
      callerNameEnc: input.caller.name ? deps.pii.encrypt(input.caller.name) : null,
      callerPhoneEnc: deps.pii.encrypt(input.caller.phone),
      bodyHash,
      occurredAt: Date.parse(input.occurredAt),
      createdAt: now,
    });
    const rating = await writeChainedRating(
      deps,
      tx,
      {
        id: newId(now),
        submissionId: `call:${input.callId}`,
        stageId: null,
        caseId: null,
        stage: "call",
        callId: input.callId,
        // the caller is no case applicant; their details stay sealed in hotline_calls
        applicantId: null,
        source: "hotline",
        channel: input.channel,
        proof: null,
        catalogVersion: catalogue.version,
        overallLevel: null,
        bad: isBad(input.level),
        scores: JSON.stringify(scores),
        batchNo: null,
        themeNo: null,
        staffId: null,
        windowId: null,
        deviceHash: null,
        createdAt: now,
      },
      // a call belongs to no org of the catalogue: 12345 transfers the work order itself (article 7)
      { orgId: null },
    );
    return { ratingId: rating.id, callId: input.callId, workOrderId: rating.workOrderId };
  });
}

/**
 * SPEC §6 `POST /api/v1/hotline/work-orders/{id}/results`: what 12345 reports back (article 21).
 * Results are appended; the order's status only moves forward. Idempotent on resultId.
 */
export async function recordWorkOrderResult(
  deps: Deps,
  clientId: string,
  workOrderId: string,
  input: TWorkOrderResult,
): Promise<TWorkOrderResultAnswer> {
  // the path is part of the request: the same resultId sent for another work order is another body
  const bodyHash = deps.pii.digest(
    "work-order-result",
    canonicalJson({ clientId, workOrderId, body: input }),
  );

  return deps.database.write(async (tx) => {
    const [first] = await tx
      .select({
        bodyHash: workOrderResults.bodyHash,
        workOrderId: workOrderResults.workOrderId,
        status: workOrderResults.status,
      })
      .from(workOrderResults)
      .where(eq(workOrderResults.resultId, input.resultId));
    if (first) {
      if (first.bodyHash !== bodyHash)
        throw new DomainError(
          "conflict",
          `resultId ${input.resultId} was already used with a different body`,
        );
      return { workOrderId: first.workOrderId, status: first.status, resultId: input.resultId };
    }
    const [order] = await tx
      .select({ status: workOrders.status })
      .from(workOrders)
      .where(eq(workOrders.id, workOrderId));
    if (!order) throw new DomainError("not_found", `no work order ${JSON.stringify(workOrderId)}`);
    const refusal = hotlineResultRefusal(order.status, input.status);
    if (refusal)
      throw new DomainError("conflict", refusal, { from: order.status, to: input.status });
    const now = deps.clock.now();
    await tx.insert(workOrderResults).values({
      id: newId(now),
      resultId: input.resultId,
      workOrderId,
      status: input.status,
      verified: input.verified ?? null,
      text: input.text,
      bodyHash,
      occurredAt: Date.parse(input.occurredAt),
      createdAt: now,
    });
    await setWorkOrderStatus(tx, workOrderId, input.status, now);
    return { workOrderId, status: input.status, resultId: input.resultId };
  });
}
