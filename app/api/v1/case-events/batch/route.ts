import { ZCaseEventBatchEnvelope } from "@/server/cases/cases.schema";
import { caseEventBatch, MAX_BATCH_BYTES } from "@/server/http/batch";
import { v1Handler } from "@/server/http/v1";

export const POST = v1Handler(
  { scope: "cases", input: ZCaseEventBatchEnvelope, maxBytes: MAX_BATCH_BYTES },
  ({ deps, client }, body) => caseEventBatch(deps, client.id, body.events),
);
