import { getDeps } from "@/server/deps";
import { readiness } from "@/server/health/readiness";
import { errorResponse } from "@/server/http/v1";

/** Readiness (SPEC §10): what a load balancer checks before it sends this instance requests. */
export async function GET(): Promise<Response> {
  const r = await readiness(await getDeps());
  if (!r.ready) return errorResponse(503, "unavailable", r.message);
  return Response.json(
    { db: r.db, migrations: r.migrations },
    { headers: { "cache-control": "no-store" } },
  );
}
