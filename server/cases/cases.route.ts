import "server-only";

import { caseEventBatch, MAX_BATCH_BYTES } from "../http/batch";
import { v1Handler } from "../http/v1";
import { ZCaseEvent, ZCaseEventBatchEnvelope } from "./cases.schema";
import { recordCaseEvent } from "./cases.service";

/** POST /api/v1/case-events: one event of a case's life from a hall's system (SPEC §7). */
export const postCaseEvent = v1Handler(
  { scope: "cases", input: ZCaseEvent },
  ({ deps, client }, event) => recordCaseEvent(deps, client.id, event),
);

/** POST /api/v1/case-events/batch: up to 500 events at once, each answered on its own. */
export const postCaseEventBatch = v1Handler(
  { scope: "cases", input: ZCaseEventBatchEnvelope, maxBytes: MAX_BATCH_BYTES },
  ({ deps, client }, body) => caseEventBatch(deps, client.id, body.events),
);
