import { z } from "zod";

import { CASE_CHANNELS, CASE_STATUSES, STAGE_STATUSES, STAGES } from "@/db/schema/cases";

import { WORK_ORDER_STATUSES } from "../workorders/workorders.rules";
import { EVENT_TYPES } from "./cases.rules";

const code = (max: number) => z.string().trim().min(1).max(max);

export const ZApplicant = z
  .object({
    type: z.enum(["person", "enterprise"]),
    name: code(100),
    idNumber: code(40).describe("ID number (person) or unified social credit code (enterprise)"),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9]{5,20}$/, "phone must be 5–20 digits"),
    agentName: code(100).optional().describe("经办人 of an enterprise"),
  })
  .meta({ id: "Applicant" });

export const ZCaseData = z
  .object({
    serialNo: code(64).describe("办件流水号"),
    itemCode: code(64),
    orgCode: code(64),
    channel: z.enum(CASE_CHANNELS),
    needsCertificate: z.boolean(),
    windowCode: code(32).optional(),
    staffNo: code(32).optional(),
    terminalCode: code(32).optional(),
    batchNo: code(64).optional(),
    themeNo: code(64).optional(),
    themeName: code(200).optional(),
    applicant: ZApplicant,
  })
  .meta({ id: "CaseData" });

export const ZCaseEvent = z
  .object({
    eventId: code(100).describe(
      "idempotency key: the same eventId with the same body answers the same; another body is a 409",
    ),
    occurredAt: z.iso.datetime({ offset: true }),
    type: z.enum(EVENT_TYPES),
    case: ZCaseData,
    decision: z.enum(["approved", "rejected", "returned"]).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === "decided" && !e.decision)
      ctx.addIssue({
        code: "custom",
        path: ["decision"],
        message: "a decided event needs a decision",
      });
    if (e.case.channel === "window" && !e.case.windowCode)
      ctx.addIssue({
        code: "custom",
        path: ["case", "windowCode"],
        message: "a window case needs windowCode",
      });
    if (e.case.channel === "terminal" && !e.case.terminalCode)
      ctx.addIssue({
        code: "custom",
        path: ["case", "terminalCode"],
        message: "a terminal case needs terminalCode",
      });
  })
  .meta({ id: "CaseEvent" });
export type TCaseEvent = z.infer<typeof ZCaseEvent>;

export const ZRatingStage = z
  .object({
    stage: z.enum(STAGES),
    status: z.enum(STAGE_STATUSES),
    opensAt: z.iso.datetime().optional(),
    closesAt: z.iso.datetime().optional(),
  })
  .meta({ id: "RatingStage" });

export const ZCaseAnswer = z
  .object({
    caseId: z.string(),
    serialNo: z.string(),
    status: z.enum(CASE_STATUSES),
    ratingStages: z.array(ZRatingStage),
  })
  .meta({ id: "CaseAnswer" });
export type TCaseAnswer = z.infer<typeof ZCaseAnswer>;

export const ZCaseView = ZCaseAnswer.extend({
  itemCode: z.string(),
  itemName: z.string(),
  orgCode: z.string(),
  channel: z.enum(CASE_CHANNELS),
  needsCertificate: z.boolean(),
  batchNo: z.string().nullable(),
  themeNo: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  /** the case's 差评 work orders (article 21), oldest first */
  workOrders: z.array(
    z
      .object({
        id: z.string(),
        status: z.enum(WORK_ORDER_STATUSES),
        dueAt: z.iso.datetime(),
        overdue: z.boolean(),
      })
      .meta({ id: "CaseWorkOrder" }),
  ),
}).meta({ id: "CaseView" });
export type TCaseView = z.infer<typeof ZCaseView>;

export const ZSerialParam = z.object({ serialNo: code(64) });

/** SPEC §6 batch: at most this many events in one request. */
export const MAX_BATCH_EVENTS = 1000;

/**
 * The batch envelope as parsed: each event is checked on its own afterwards, so one malformed
 * event is answered 400 in its place instead of refusing the whole batch.
 */
export const ZCaseEventBatchEnvelope = z.object({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS),
});

/** The batch as documented (OpenAPI): events of the single endpoint's shape. */
export const ZCaseEventBatch = z
  .object({ events: z.array(ZCaseEvent).min(1).max(MAX_BATCH_EVENTS) })
  .meta({ id: "CaseEventBatch" });

export const ZCaseEventBatchAnswer = z
  .object({
    results: z.array(
      z.object({
        eventId: z.string().nullable().describe("the event's eventId, null when it had none"),
        status: z.int().describe("the status the single endpoint would have answered"),
        body: ZCaseAnswer.optional(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
      }),
    ),
  })
  .meta({
    id: "CaseEventBatchAnswer",
    description: "one result per event, in the request's order",
  });
export type TCaseEventBatchAnswer = z.infer<typeof ZCaseEventBatchAnswer>;
