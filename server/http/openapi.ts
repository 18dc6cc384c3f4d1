import { z } from "zod";
import { createDocument } from "zod-openapi";

import {
  ZCaseAnswer,
  ZCaseEvent,
  ZCaseEventBatch,
  ZCaseEventBatchAnswer,
  ZCaseView,
} from "../cases/cases.schema";
import { ZCatalog } from "../catalog/catalog.schema";
import {
  ZHotlineRating,
  ZHotlineRatingAnswer,
  ZWorkOrderParam,
  ZWorkOrderResult,
  ZWorkOrderResultAnswer,
} from "../hotline/hotline.schema";
import { ZQrCodeAnswer, ZQrCodeRequest } from "../qr/qr.schema";
import { ZStatsAnswer, ZStatsQueryFields } from "../stats/stats.schema";
import {
  ZFeedbackCreated,
  ZWorkOrderCreated,
  ZWorkOrderReopened,
} from "../workorders/webhook.schema";

/** Outbound: POSTed to HOTLINE_WEBHOOK_URL, signed as Standard Webhooks says; any 2xx acknowledges. */
const webhook = (schema: z.ZodType, summary: string, operationId: string) => ({
  post: {
    operationId,
    summary,
    requestBody: { content: { "application/json": { schema } } },
    responses: { "200": { description: "received (any 2xx; webhook-id is the idempotency key)" } },
  },
});

const ZError = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: "Error", description: "Every error, with a 4xx status for bad input" });

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const errors = {
  "400": json(ZError, "malformed JSON or a body that does not match the schema"),
  "401": json(ZError, "no or unknown API key"),
  "403": json(ZError, "the key lacks the scope"),
  "413": json(ZError, "body too large"),
  "422": json(ZError, "unknown code or a rule refused the request"),
};

/** OpenAPI 3.1, generated from the same zod schemas the handlers parse with. */
export function openApiDocument(serverUrl: string) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "台山市好差评 integration API",
      version: "1.0.0",
      description: "Contract v1 for business systems and the 12345 hotline.",
      // the document's own licence, as Redocly's recommended rules ask: the contract is the city's, to build against freely
      license: { name: "CC0-1.0", identifier: "CC0-1.0" },
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    webhooks: {
      "work_order.created": webhook(
        ZWorkOrderCreated,
        "A 差评 opened a work order (article 21)",
        "workOrderCreated",
      ),
      "work_order.reopened": webhook(
        ZWorkOrderReopened,
        "The rater rated the fix 不满意: the order is open again with a new deadline (SPEC §9)",
        "workOrderReopened",
      ),
      "feedback.created": webhook(
        ZFeedbackCreated,
        "意见反馈 from a person turned away at receipt or acceptance (SPEC §4); not a rating",
        "feedbackCreated",
      ),
    },
    paths: {
      "/api/v1/case-events": {
        post: {
          operationId: "postCaseEvent",
          summary: "Record a case event (idempotent on eventId)",
          requestBody: { content: { "application/json": { schema: ZCaseEvent } } },
          responses: {
            "200": json(ZCaseAnswer, "the case after the event"),
            "409": json(ZError, "eventId reused with another body"),
            ...errors,
          },
        },
      },
      "/api/v1/case-events/batch": {
        post: {
          operationId: "postCaseEventBatch",
          summary:
            "Record 1 to 1000 case events at once (a backlog after an outage); each idempotent on its own eventId",
          description:
            "Answers 200 with one result per event in the request's order: the status and body (or error) the single endpoint would have answered. A malformed or conflicting event does not stop the others; the answer comes only after every accepted event is durable. Body at most 4 MiB.",
          requestBody: { content: { "application/json": { schema: ZCaseEventBatch } } },
          responses: {
            "200": json(ZCaseEventBatchAnswer, "per-event results, in order"),
            ...errors,
            "413": json(ZError, "body over 4 MiB"),
          },
        },
      },
      "/api/v1/cases/{serialNo}": {
        get: {
          operationId: "getCase",
          summary: "A case's status and rating stages (no rater PII)",
          requestParams: { path: z.object({ serialNo: z.string() }) },
          responses: {
            "200": json(ZCaseView, "the case"),
            "404": json(ZError, "no such case"),
            ...errors,
          },
        },
      },
      "/api/v1/qr-codes": {
        post: {
          operationId: "postQrCode",
          summary:
            "A signed QR code for a case, batch or theme (static for receipts, dynamic for a window screen)",
          requestBody: { content: { "application/json": { schema: ZQrCodeRequest } } },
          responses: {
            "200": json(ZQrCodeAnswer, "the code, its URL and an SVG"),
            "404": json(ZError, "no such case, batch or theme"),
            ...errors,
          },
        },
      },
      "/api/v1/catalog": {
        get: {
          operationId: "getCatalog",
          summary:
            "Codes of orgs, windows, staff, terminals and items, and the indicator catalogue in three languages",
          responses: { "200": json(ZCatalog, "the catalog"), ...errors },
        },
      },
      "/api/v1/hotline/ratings": {
        post: {
          operationId: "postHotlineRating",
          summary:
            "A 12345 caller's phone/SMS rating of the operator (idempotent on callId); a bad one opens a work order",
          requestBody: { content: { "application/json": { schema: ZHotlineRating } } },
          responses: {
            "200": json(
              ZHotlineRatingAnswer,
              "the stored rating and its work order, if one was opened",
            ),
            "409": json(ZError, "callId reused with another body"),
            ...errors,
          },
        },
      },
      "/api/v1/hotline/work-orders/{workOrderId}/results": {
        post: {
          operationId: "postWorkOrderResult",
          summary:
            "A revisit or rectification result of a work order (idempotent on resultId); the status only moves forward",
          requestParams: { path: ZWorkOrderParam },
          requestBody: { content: { "application/json": { schema: ZWorkOrderResult } } },
          responses: {
            "200": json(ZWorkOrderResultAnswer, "the work order's status after the result"),
            "404": json(ZError, "no such work order"),
            "409": json(
              ZError,
              "resultId reused with another body, or a status that does not move the order forward",
            ),
            ...errors,
          },
        },
      },
      "/api/v1/stats": {
        get: {
          operationId: "getStats",
          summary:
            "Article 23 figures of a period (Asia/Shanghai days, inclusive, at most 366) grouped by org, item, window, staff, channel or day",
          description:
            "Scope stats. Grouped by staff or window only the service part of a rating counts (its lowest service level), and a part not adopted on appeal counts in notAdopted. Rates are fractions with 4 decimals, null when the denominator is 0.",
          requestParams: { query: ZStatsQueryFields },
          responses: {
            "200": json(ZStatsAnswer, "one row per group in key order, and the totals"),
            ...errors,
            "400": json(
              ZError,
              "a bad query: unknown groupBy or code, from after to, more than 366 days",
            ),
          },
        },
      },
      "/api/v1/stats/export": {
        get: {
          operationId: "getStatsExport",
          summary:
            "The same figures as an xlsx workbook (header row in Chinese, one row per group, then 合计)",
          requestParams: { query: ZStatsQueryFields },
          responses: {
            "200": {
              description: "the workbook",
              content: {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                  schema: { type: "string", format: "binary" },
                },
              },
            },
            ...errors,
            "400": json(
              ZError,
              "a bad query: unknown groupBy or code, from after to, more than 366 days",
            ),
          },
        },
      },
    },
  });
}
