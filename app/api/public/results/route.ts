import { getDeps } from "@/server/deps";
import { errorResponse, toErrorResponse } from "@/server/http/v1";
import { ZPublicQuery } from "@/server/publication/publication.schema";
import { publicResults } from "@/server/publication/publication.service";

/** SPEC §6: the bureau's published results of a month, no key needed; 404 when not published. */
export async function GET(req: Request): Promise<Response> {
  const parsed = ZPublicQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return errorResponse(400, "validation_failed", `period: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  try {
    return Response.json(await publicResults(await getDeps(), parsed.data.period));
  } catch (e) {
    return toErrorResponse(e);
  }
}
