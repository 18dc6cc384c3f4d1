import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { errorResponse, toErrorResponse } from "@/server/http/v1";
import { reportWorkbookStream } from "@/server/reports/report.export";
import { ZReportPeriod } from "@/server/reports/report.period";
import { reportFor } from "@/server/reports/report.service";
import { xlsxResponse } from "@/server/stats/stats.export";

/** /admin/reports 导出 Excel: the 通报 of a period as xlsx (bureau); a bad period is a 400 naming the field. */
export async function GET(req: Request): Promise<Response> {
  const parsed = ZReportPeriod.safeParse(searchParamsOf(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return errorResponse(400, "validation_failed", `${issue?.path.join(".") || "query"}: ${issue?.message ?? "统计期有误"}`);
  }
  try {
    const { deps, scope } = await adminRequest(req, { bureau: true });
    return xlsxResponse(reportWorkbookStream(await reportFor(deps, scope, parsed.data)), `好差评通报_${parsed.data.from}_${parsed.data.to}.xlsx`);
  } catch (e) {
    return toErrorResponse(e);
  }
}
