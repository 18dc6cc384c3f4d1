import "server-only";
import type { Deps } from "../deps";
import { workOrderBody } from "../workorders/workorder-body";

/**
 * What the hotline outbox carries and the body each kind is sent as. Every body has a top-level
 * `type` (SPEC §6). Rows queued before types existed carry only a workOrderId: work_order.created.
 */
export type HotlinePayload = { type?: string; workOrderId?: string } & Record<string, unknown>;

const BODIES: Record<string, (deps: Deps, payload: HotlinePayload) => Promise<{ type: string } & Record<string, unknown>>> = {
  "work_order.created": (deps, p) => workOrderBody(deps, String(p.workOrderId)),
};

export async function hotlineBody(deps: Deps, payload: HotlinePayload) {
  const build = BODIES[payload.type ?? "work_order.created"];
  if (!build) throw new Error(`unknown hotline message type ${JSON.stringify(payload.type)}`);
  return build(deps, payload);
}
