import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { errorResponse, toErrorResponse } from "@/server/http/v1";
import { statsWorkbookStream, xlsxResponse } from "@/server/stats/stats.export";
import { ZStatsQuery } from "@/server/stats/stats.schema";
import { statsFor } from "@/server/stats/stats.service";

/** /admin/stats 导出 Excel: the same workbook as /api/v1/stats/export, over the account's scope. */
export async function GET(req: Request): Promise<Response> {
  const parsed = ZStatsQuery.safeParse(searchParamsOf(req));
  if (!parsed.success)
    return errorResponse(400, "validation_failed", `${parsed.error.issues[0]?.path.join(".") ?? "query"}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  try {
    const { deps, scope } = await adminRequest(req);
    const q = parsed.data;
    return xlsxResponse(statsWorkbookStream(await statsFor(deps, scope, q)), `好差评统计_${q.groupBy}_${q.from}_${q.to}.xlsx`);
  } catch (e) {
    return toErrorResponse(e);
  }
}
