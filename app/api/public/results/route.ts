import { getDeps } from "@/server/deps";
import { errorResponse, toErrorResponse } from "@/server/http/v1";
import { ZPublicQuery } from "@/server/publication/publication.schema";
import { publicResults, publishedPeriods } from "@/server/publication/publication.service";

/** SPEC §6: the bureau's published results of a month (the latest when none is named), no key needed; 404 when not published. */
export async function GET(req: Request): Promise<Response> {
  const parsed = ZPublicQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return errorResponse(400, "validation_failed", `period: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  try {
    const deps = await getDeps();
    const period = parsed.data.period ?? (await publishedPeriods(deps))[0];
    if (!period) return errorResponse(404, "not_found", "no month has been published yet");
    return Response.json(await publicResults(deps, period));
  } catch (e) {
    return toErrorResponse(e);
  }
}
