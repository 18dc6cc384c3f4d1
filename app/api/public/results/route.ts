import { getDeps } from "@/server/deps";
import { errorResponse, parseWith, toErrorResponse } from "@/server/http/v1";
import { ZPublicQuery } from "@/server/publication/publication.schema";
import { publicResults, publishedPeriods } from "@/server/publication/publication.service";

/** SPEC §6: the bureau's published results of a month (the latest when none is named), no key needed; 404 when not published. */
export async function GET(req: Request): Promise<Response> {
  try {
    const q = parseWith(ZPublicQuery, Object.fromEntries(new URL(req.url).searchParams), "period");
    const deps = await getDeps();
    const period = q.period ?? (await publishedPeriods(deps))[0];
    if (!period) return errorResponse(404, "not_found", "no month has been published yet");
    return Response.json(await publicResults(deps, period));
  } catch (e) {
    return toErrorResponse(e);
  }
}
