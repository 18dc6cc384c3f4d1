import "server-only";

import type { z } from "zod";

import { isDatabaseUnavailable } from "@/db/remote";

import { type Deps, getDeps } from "../deps";
import { httpStatus, isDomainError, RETRY_AFTER_S } from "../errors";
import { newId } from "../ids";
import { type ApiClient, type ApiScope, authenticateClient } from "../integration/clients.service";
import { log } from "../log";

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

export function errorResponse(status: number, code: string, message: string): Response {
  const headers = status === 503 ? { "retry-after": String(RETRY_AFTER_S) } : undefined;
  return Response.json({ error: { code, message } }, { status, headers });
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A body over `max` bytes: refused while reading it here, or before the hot routes run. */
export function bodyOver(max: number): Error {
  return new HttpError(413, "payload_too_large", `body over ${max} bytes`);
}

async function readBody(req: Request, max: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw bodyOver(max);
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw bodyOver(max);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim())
    throw new HttpError(400, "invalid_json", "the body is empty; send a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_json", "the body is not valid JSON");
  }
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join(".") : where;
  throw new HttpError(400, "validation_failed", `${path}: ${issue?.message ?? "invalid"}`);
}

export interface V1Context<P> {
  deps: Deps;
  client: ApiClient;
  params: P;
}

interface V1Options<I extends z.ZodType | undefined, P extends z.ZodType | undefined> {
  scope: ApiScope;
  /** the JSON body's schema, or for a GET the query string's (`query: true`) */
  input?: I;
  query?: boolean;
  params?: P;
  /** the body limit when not MAX_BODY_BYTES (the batch endpoint takes up to 4 MiB) */
  maxBytes?: number;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/**
 * The integration contract's adapter: bearer key and scope, size limit, JSON, zod, and the one
 * error shape. Bad input is always a 4xx; anything unexpected is a 500 with a reference, never a stack.
 */
export function v1Handler<
  I extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(opts: V1Options<I, P>, fn: (ctx: V1Context<Infer<P>>, input: Infer<I>) => Promise<unknown>) {
  return async (
    req: Request,
    route: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      const deps = await getDeps();
      const client = await authenticateClient(
        deps.database.db,
        req.headers.get("authorization"),
        opts.scope,
      );
      const params = (
        opts.params ? parseWith(opts.params, await route.params, "params") : undefined
      ) as Infer<P>;
      const raw = opts.query
        ? Object.fromEntries(new URL(req.url).searchParams)
        : opts.input
          ? await readBody(req, opts.maxBytes ?? MAX_BODY_BYTES)
          : undefined;
      const input = (
        opts.input ? parseWith(opts.input, raw, opts.query ? "query" : "body") : undefined
      ) as Infer<I>;
      const result = await fn({ deps, client, params }, input);
      // a handler that streams (the xlsx export) answers its own Response
      return result instanceof Response ? result : Response.json(result);
    } catch (e) {
      return toErrorResponse(e);
    }
  };
}

export function toErrorResponse(e: unknown): Response {
  const { status, error } = errorOf(e);
  return errorResponse(status, error.code, error.message);
}

/** The status and error body the one error map gives `e` (a batch answers it per event). */
export function errorOf(e: unknown): { status: number; error: { code: string; message: string } } {
  if (e instanceof HttpError)
    return { status: e.status, error: { code: e.code, message: e.message } };
  if (isDomainError(e))
    return { status: httpStatus[e.code], error: { code: e.code, message: e.message } };
  if (isDatabaseUnavailable(e))
    return {
      status: 503,
      error: { code: "unavailable", message: "the database does not answer; retry later" },
    };
  const ref = newId();
  log().error(
    { ref, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) },
    "unhandled error in v1 API",
  );
  return { status: 500, error: { code: "internal", message: `internal error, reference ${ref}` } };
}
