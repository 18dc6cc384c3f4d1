import { z } from "zod";

import { FIX_LEVELS, LEVELS } from "../ratings/vocabulary";

/**
 * What 12345's webhook receives (SPEC §6), for the OpenAPI document's `webhooks`. Every body has
 * a top-level `type`; the rater's phone is in `rater.phone` only when they agreed to be contacted.
 */
export const ZWorkOrderCreated = z
  .object({
    type: z.literal("work_order.created"),
    workOrderId: z.string(),
    basis: z.enum(["overall", "service"]).meta({
      description:
        "why the order opened: `service` — 服务态度 or 服务能力 rated 不满意/非常不满意 under a good 总体评价 (服务评价差评, article 6); `overall` otherwise",
    }),
    createdAt: z.iso.datetime(),
    dueAt: z.iso.datetime().meta({ description: "24:00 Asia/Shanghai of the 10th working day" }),
    rating: z.object({
      id: z.string(),
      stage: z.enum(["receipt", "completion", "call"]),
      channel: z.string(),
      ratedAt: z.iso.datetime(),
      scores: z.array(
        z.object({
          indicator: z.string(),
          indicatorCode: z.string(),
          level: z.enum(LEVELS),
          tags: z.array(z.string()),
          text: z.string().nullable(),
        }),
      ),
    }),
    case: z
      .object({
        serialNo: z.string(),
        itemCode: z.string(),
        itemName: z.string(),
        orgCode: z.string(),
        orgName: z.string(),
      })
      .nullable()
      .optional(),
    staff: z.object({ no: z.string(), name: z.string() }).nullable().optional(),
    call: z
      .object({ callId: z.string(), operatorNo: z.string(), channel: z.enum(["phone", "sms"]) })
      .nullable()
      .optional(),
    rater: z.object({
      maskedName: z.string().nullable(),
      phone: z
        .string()
        .optional()
        .meta({ description: "only when the rater ticked 同意回访 (SPEC §9)" }),
    }),
    status: z.enum(["open", "visited", "rectified", "closed", "not_adopted"]).optional(),
    appended: z
      .object({ level: z.enum(LEVELS).nullable(), text: z.string(), ratedAt: z.iso.datetime() })
      .nullable()
      .optional()
      .meta({
        description:
          "追加评价: the rater's appended words beside the rating (SPEC §3); an appended 差评 on a stage rated well opened this order",
      }),
    fixRating: z
      .object({
        level: z.enum(FIX_LEVELS),
        ratedAt: z.iso.datetime(),
        reopened: z.boolean(),
      })
      .nullable()
      .optional()
      .meta({
        description:
          "评价整改结果: how the rater rated the fix once the order was closed (SPEC §9)",
      }),
  })
  .meta({ id: "WorkOrderCreated" });

/** The rater rated the fix 不满意: the order as it stands now — open again, with its new deadline (SPEC §9). */
export const ZWorkOrderReopened = ZWorkOrderCreated.extend({
  type: z.literal("work_order.reopened"),
}).meta({ id: "WorkOrderReopened" });

/** 意见反馈 from a person turned away at receipt or acceptance (SPEC §4): an ordinary request, not a rating. */
export const ZFeedbackCreated = z
  .object({
    type: z.literal("feedback.created"),
    feedbackId: z.string(),
    createdAt: z.iso.datetime(),
    text: z.string().max(500),
    case: z.object({
      serialNo: z.string(),
      status: z.enum(["receipt_failed", "acceptance_failed"]),
      itemCode: z.string(),
      itemName: z.string(),
      orgCode: z.string(),
      orgName: z.string(),
    }),
    person: z.object({
      maskedName: z.string(),
      maskedPhone: z.string(),
      phone: z
        .string()
        .optional()
        .meta({ description: "only when the person agreed that 12345 may call back" }),
    }),
  })
  .meta({ id: "FeedbackCreated" });
