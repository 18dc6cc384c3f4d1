import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { parseWith, toErrorResponse } from "@/server/http/v1";
import { statsWorkbookStream, xlsxResponse } from "@/server/stats/stats.export";
import { ZStatsQuery } from "@/server/stats/stats.schema";
import { statsFor } from "@/server/stats/stats.service";

/** /admin/stats 导出 Excel: the same workbook as /api/v1/stats/export, over the account's scope. */
export async function GET(req: Request): Promise<Response> {
  try {
    const q = parseWith(ZStatsQuery, searchParamsOf(req), "query");
    const c = await adminRequest(req);
    return xlsxResponse(
      statsWorkbookStream(await statsFor(c, q)),
      `好差评统计_${q.groupBy}_${q.from}_${q.to}.xlsx`,
    );
  } catch (e) {
    return toErrorResponse(e);
  }
}
