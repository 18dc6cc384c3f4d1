import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import {
  callProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
} from "@trpc/server/unstable-core-do-not-import";

import { MAX_BODY_BYTES } from "../http/v1";
import { trpcHandler as generic } from "./http";
import { createTrpcContext, type TrpcContext } from "./init";
import { appRouter } from "./root";

/*
 * The rating submission — the busiest procedure — on a static path, answering in tRPC's own wire
 * format. Two costs of the generic route are left out, measured in bench:submit: Next matching
 * the `[trpc]` segment (~300 µs a request) and tRPC's HTTP resolver (batching, streaming, two
 * combined AbortSignals: ~90 µs). The procedure itself runs through tRPC as everywhere (its
 * middlewares, input and output parsers, error formatter). Anything but one plain call (a batch,
 * `?batch=1`) goes to the generic handler; e2e and tests/api/submit-route.http.test.ts hold the
 * two to the same answers. tRPC is pinned in package.json for these internals.
 */
const PATH = "ratings.submit";

function refusal(cause: unknown, ctx: TrpcContext | undefined, resHeaders: Headers): Response {
  const error = getTRPCErrorFromUnknown(cause);
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: "mutation",
    path: PATH,
    input: undefined,
    ctx,
  });
  return Response.json(
    { error: shape },
    { status: getHTTPStatusCodeFromError(error), headers: resHeaders },
  );
}

export async function submitRatingPost(req: Request): Promise<Response> {
  if (req.url.includes("?")) return generic(req);
  const resHeaders = new Headers();
  let input: unknown;
  try {
    const text = await req.text();
    // the limit the hot route reads the body with (server/http/hot-routes.ts), here too
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return submitTooLarge();
    input = JSON.parse(text);
  } catch (e) {
    return refusal(new TRPCError({ code: "PARSE_ERROR", cause: e }), undefined, resHeaders);
  }
  let ctx: TrpcContext | undefined;
  try {
    ctx = await createTrpcContext({ headers: req.headers, resHeaders });
    const data: unknown = await callProcedure({
      router: appRouter,
      path: PATH,
      ctx,
      getRawInput: () => Promise.resolve(input),
      type: "mutation",
      signal: req.signal,
      batchIndex: 0,
    });
    return Response.json({ result: { data } }, { headers: resHeaders });
  } catch (e) {
    return refusal(e, ctx, resHeaders);
  }
}

export { generic as trpcHandler };

/** A body past the hot route's limit (scripts/serve.mjs reads it first), in tRPC's shape. */
export function submitTooLarge(): Response {
  return refusal(new TRPCError({ code: "PAYLOAD_TOO_LARGE" }), undefined, new Headers());
}
