import { z } from "zod";

import { ZApplicant } from "../cases/cases.schema";
import { ZLevel } from "../ratings/ratings.schema";

const code = (max: number) => z.string().trim().min(1).max(max);

export const ZHotlineRating = z
  .object({
    callId: code(100).describe(
      "12345 call id; idempotency key: the same callId with the same body answers the same, another body is a 409",
    ),
    occurredAt: z.iso.datetime({ offset: true }),
    operatorNo: code(32).describe("工号 of the 12345 operator who was rated"),
    channel: z.enum(["phone", "sms"]),
    level: ZLevel.describe("the operator's 服务态度 level (article 10)"),
    tags: z
      .array(code(64))
      .max(20)
      .refine((tags) => new Set(tags).size === tags.length, "tags must not repeat")
      .optional()
      .describe(
        "tag codes of svc.attitude or svc.ability at the same level; 不满意/非常不满意 need a tag or a text (article 11)",
      ),
    text: z.string().trim().max(500).optional().describe("the caller's reason in words"),
    caller: z
      .object({
        name: code(100).optional(),
        phone: ZApplicant.shape.phone,
      })
      .describe("sealed at rest, never returned or exported (article 16)"),
  })
  .meta({ id: "HotlineRating" });
export type THotlineRating = z.infer<typeof ZHotlineRating>;

export const ZHotlineRatingAnswer = z
  .object({
    ratingId: z.string(),
    callId: z.string(),
    workOrderId: z
      .string()
      .nullable()
      .describe("the 差评工单 opened for a 不满意/非常不满意 rating (article 21), else null"),
  })
  .meta({ id: "HotlineRatingAnswer" });
export type THotlineRatingAnswer = z.infer<typeof ZHotlineRatingAnswer>;

export const WORK_ORDER_RESULT_STATUSES = ["visited", "rectified", "closed"] as const;

export const ZWorkOrderResult = z
  .object({
    resultId: code(100).describe(
      "idempotency key: the same resultId with the same body answers the same, another body is a 409",
    ),
    occurredAt: z.iso.datetime({ offset: true }),
    status: z
      .enum(WORK_ORDER_RESULT_STATUSES)
      .describe(
        "moves the work order forward only: open → visited → rectified → closed; open and visited may go straight to closed",
      ),
    verified: z
      .boolean()
      .optional()
      .describe("whether the revisit confirmed the problem (回访核实)"),
    text: code(2000),
  })
  .meta({ id: "WorkOrderResult" });
export type TWorkOrderResult = z.infer<typeof ZWorkOrderResult>;

export const ZWorkOrderResultAnswer = z
  .object({
    workOrderId: z.string(),
    status: z.enum(WORK_ORDER_RESULT_STATUSES),
    resultId: z.string(),
  })
  .meta({ id: "WorkOrderResultAnswer" });
export type TWorkOrderResultAnswer = z.infer<typeof ZWorkOrderResultAnswer>;

export const ZWorkOrderParam = z.object({ workOrderId: z.string().min(1).max(64) });
