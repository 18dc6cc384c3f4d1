import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@/server/trpc/root";

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
/** A procedure by its path: `ratings.submit`. */
export type ProcedurePath = {
  [R in Extract<keyof Inputs, string>]: `${R}.${Extract<keyof Inputs[R], string>}`;
}[Extract<keyof Inputs, string>];
type At<T, P> = P extends `${infer R}.${infer N}`
  ? R extends keyof T
    ? N extends keyof T[R]
      ? T[R][N]
      : never
    : never
  : never;

/** A refusal as the server sends it (tRPC's error shape): its sentence, written for people, and what it is about. */
export interface Refusal {
  message: string;
  data?: {
    code?: string;
    domainCode?: string;
    details?: { problems?: { problem: string }[]; reason?: string };
  };
}

/** The procedure's answer; or the HTTP status with the server's refusal (status 0 and no refusal: no answer came at all). */
export type Called<T> =
  { ok: true; data: T } | { ok: false; status: number; refusal: Refusal | null };

/**
 * Calls one tRPC procedure in tRPC's own HTTP form — a mutation POSTs its input as JSON, a query
 * GETs it in `?input=` — with a plain fetch: the tRPC client would take 6 KB of the rating page's
 * 150 KB budget, and the service worker (no React, no DOM) sends the offline queue through this
 * too. Never throws.
 */
export async function call<P extends ProcedurePath>(
  path: P,
  input: At<Inputs, P>,
  method: "POST" | "GET" = "POST",
): Promise<Called<At<Outputs, P>>> {
  let res: Response;
  try {
    res =
      method === "GET"
        ? await fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            credentials: "same-origin",
          })
        : await fetch(`/api/trpc/${path}`, {
            method,
            headers: { "content-type": "application/json" },
            body: JSON.stringify(input),
            credentials: "same-origin",
          });
  } catch {
    return { ok: false, status: 0, refusal: null };
  }
  const body = (await res.json().catch(() => null)) as {
    result?: { data: At<Outputs, P> };
    error?: Refusal;
  } | null;
  if (res.ok) return { ok: true, data: body?.result?.data as At<Outputs, P> };
  return {
    ok: false,
    status: res.status,
    refusal: typeof body?.error?.message === "string" ? body.error : null,
  };
}
