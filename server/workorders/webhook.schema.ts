import { z } from "zod";
import { LEVELS } from "@/db/schema";

/**
 * What 12345's webhook receives (SPEC §6), for the OpenAPI document's `webhooks`. Every body has
 * a top-level `type`; the rater's phone is in `rater.phone` only when they agreed to be contacted.
 */
export const ZWorkOrderCreated = z
  .object({
    type: z.literal("work_order.created"),
    workOrderId: z.string(),
    createdAt: z.iso.datetime(),
    dueAt: z.iso.datetime().meta({ description: "24:00 Asia/Shanghai of the 10th working day" }),
    rating: z.object({
      id: z.string(),
      stage: z.enum(["receipt", "completion", "call"]),
      channel: z.string(),
      ratedAt: z.iso.datetime(),
      scores: z.array(z.object({ indicator: z.string(), indicatorCode: z.string(), level: z.enum(LEVELS), tags: z.array(z.string()), text: z.string().nullable() })),
    }),
    case: z.object({ serialNo: z.string(), itemCode: z.string(), itemName: z.string(), orgCode: z.string(), orgName: z.string() }).nullable().optional(),
    staff: z.object({ no: z.string(), name: z.string() }).nullable().optional(),
    call: z.object({ callId: z.string(), operatorNo: z.string(), channel: z.enum(["phone", "sms"]) }).nullable().optional(),
    rater: z.object({
      maskedName: z.string().nullable(),
      phone: z.string().optional().meta({ description: "only when the rater ticked 同意回访 (SPEC §9)" }),
    }),
  })
  .meta({ id: "WorkOrderCreated" });
