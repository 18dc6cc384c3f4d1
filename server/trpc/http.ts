import "server-only";

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { createTrpcContext } from "./init";
import { appRouter } from "./root";

/** tRPC over fetch: every procedure, batches included, at /api/trpc/<path> */
export function trpcHandler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTrpcContext({ headers: req.headers, resHeaders }),
  });
}
