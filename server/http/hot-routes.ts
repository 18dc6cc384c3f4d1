import "server-only";

import { postCaseEvent, postCaseEventBatch } from "../cases/cases.route";
import { submitRatingPost, submitTooLarge } from "../trpc/submit.route";
import { MAX_BATCH_BYTES } from "./batch";
import { bodyOver, MAX_BODY_BYTES, toErrorResponse } from "./v1";

/**
 * The busiest POSTs — a hall's case events, alone or in batches, and a citizen's rating — which scripts/serve.mjs
 * hands straight to their route handlers, the same functions Next calls at those paths, without
 * Next's router in between: its per-request work (matching, request metadata, web streams for the
 * body, the response's piping) cost about as much CPU as everything our handler does
 * (bench:intake, bench:submit; HCP_HOT_ROUTES=0 measures without). Only the exact path, POST, no
 * query string: anything else goes through Next as before.
 */
export interface HotRoute {
  handle(req: Request): Promise<Response>;
  /** read before the handler runs: a longer body is answered `tooLarge()` without it */
  maxBytes: number;
  tooLarge(): Response;
}

const KEY = Symbol.for("hcp.hot-routes");
const NO_PARAMS = { params: Promise.resolve({}) };

/** A v1 route: its own handler, its body limit, and readBody's 413 for a body over it. */
function v1Route(
  handler: (req: Request, route: typeof NO_PARAMS) => Promise<Response>,
  maxBytes: number,
): HotRoute {
  return {
    handle: (req) => handler(req, NO_PARAMS),
    maxBytes,
    tooLarge: () => toErrorResponse(bodyOver(maxBytes)),
  };
}

export function registerHotRoutes(): void {
  const routes: Record<string, HotRoute> = {
    "/api/v1/case-events": v1Route(postCaseEvent, MAX_BODY_BYTES),
    "/api/v1/case-events/batch": v1Route(postCaseEventBatch, MAX_BATCH_BYTES),
    "/api/trpc/ratings.submit": {
      handle: submitRatingPost,
      maxBytes: MAX_BODY_BYTES,
      tooLarge: submitTooLarge,
    },
  };
  (globalThis as { [KEY]?: Record<string, HotRoute> })[KEY] = routes;
}
