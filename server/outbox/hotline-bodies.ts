import "server-only";

import type { Deps } from "../deps";
import { feedbackBody } from "../feedback/feedback.service";
import { workOrderBody } from "../workorders/workorder-body";

/**
 * What the hotline outbox carries and the body each kind is sent as. Every body has a top-level
 * `type` (SPEC §6). Rows queued before types existed carry only a workOrderId: work_order.created.
 */
export type HotlinePayload = { type?: string; workOrderId?: string } & Record<string, unknown>;

const BODIES: Record<
  string,
  (deps: Deps, payload: HotlinePayload) => Promise<{ type: string } & Record<string, unknown>>
> = {
  "work_order.created": (deps, p) => workOrderBody(deps, String(p.workOrderId)),
  // the rater rated the fix 不满意 (SPEC §9): the order as it stands now — open again, its new deadline, the fix rating
  "work_order.reopened": async (deps, p) => ({
    ...(await workOrderBody(deps, String(p.workOrderId))),
    type: "work_order.reopened" as const,
  }),
  // 意见反馈 from a person turned away (SPEC §4): not a rating
  "feedback.created": async (deps, p) => ({
    type: "feedback.created" as const,
    ...(await feedbackBody(deps, String(p.feedbackId))),
  }),
};

export async function hotlineBody(deps: Deps, payload: HotlinePayload) {
  const build = BODIES[payload.type ?? "work_order.created"];
  if (!build) throw new Error(`unknown hotline message type ${JSON.stringify(payload.type)}`);
  return build(deps, payload);
}
