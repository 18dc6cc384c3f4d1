import { z } from "zod";
import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { errorResponse, toErrorResponse } from "@/server/http/v1";
import { reportWorkbookStream } from "@/server/reports/report.export";
import { reportFor } from "@/server/reports/report.service";
import { ZStatsQueryFields } from "@/server/stats/stats.schema";
import { xlsxResponse } from "@/server/stats/stats.export";

const ZPeriod = ZStatsQueryFields.pick({ from: true, to: true }).refine((p) => p.from <= p.to, "from must not be after to");

/** /admin/reports: the 通报 of a period as xlsx (bureau). */
export async function GET(req: Request): Promise<Response> {
  const parsed = ZPeriod.safeParse(searchParamsOf(req));
  if (!parsed.success) return errorResponse(400, "validation_failed", z.prettifyError(parsed.error));
  try {
    const { deps, scope } = await adminRequest(req, { bureau: true });
    return xlsxResponse(reportWorkbookStream(await reportFor(deps, scope, parsed.data)), `好差评通报_${parsed.data.from}_${parsed.data.to}.xlsx`);
  } catch (e) {
    return toErrorResponse(e);
  }
}
