import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { parseWith, toErrorResponse } from "@/server/http/v1";
import { reportWorkbookStream } from "@/server/reports/report.export";
import { ZReportPeriod } from "@/server/reports/report.period";
import { reportFor } from "@/server/reports/report.service";
import { xlsxResponse } from "@/server/stats/stats.export";

/** /admin/reports 导出 Excel: the 通报 of a period as xlsx (bureau); a bad period is a 400 naming the field. */
export async function GET(req: Request): Promise<Response> {
  try {
    const q = parseWith(ZReportPeriod, searchParamsOf(req), "query");
    const c = await adminRequest(req, { bureau: true });
    return xlsxResponse(
      reportWorkbookStream(await reportFor(c, q)),
      `好差评通报_${q.from}_${q.to}.xlsx`,
    );
  } catch (e) {
    return toErrorResponse(e);
  }
}
