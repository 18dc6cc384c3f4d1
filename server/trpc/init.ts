import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { getDeps, type Deps } from "../deps";
import { isDomainError, trpcCode } from "../errors";

export interface TrpcContext {
  deps: Deps;
  headers: Headers;
}

export async function createTrpcContext(opts: { headers: Headers }): Promise<TrpcContext> {
  return { deps: await getDeps(), headers: opts.headers };
}

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    // a DomainError's message is meant for people; anything else stays generic
    const cause = error.cause;
    return isDomainError(cause) ? { ...shape, message: cause.message, data: { ...shape.data, domainCode: cause.code, stack: undefined } } : { ...shape, data: { ...shape.data, stack: undefined } };
  },
});

/** Maps the one domain error to tRPC codes, so procedures just call services. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCode[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);
