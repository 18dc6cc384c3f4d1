import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTrpcContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

/** Server components call procedures directly, with the same context a request would get. */
export const serverTrpc = cache(async () => createCaller(await createTrpcContext({ headers: await headers() })));
