import { assessmentWorkbookStream } from "@/server/assessment/assessment.export";
import { assessmentTitle } from "@/server/assessment/assessment.rules";
import { ZAssessmentParams } from "@/server/assessment/assessment.schema";
import { assessmentFor } from "@/server/assessment/assessment.service";
import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { parseWith, toErrorResponse } from "@/server/http/v1";
import { xlsxResponse } from "@/server/stats/stats.export";

/** /admin/assessment 导出 Excel (bureau): the ranked results of a year or quarter, by unit or staff; a bad query is a 400 naming the field. */
export async function GET(req: Request): Promise<Response> {
  try {
    const q = parseWith(ZAssessmentParams, searchParamsOf(req), "query");
    const { rules, rows } = await assessmentFor(await adminRequest(req, { bureau: true }), q);
    const title = assessmentTitle(q);
    return xlsxResponse(assessmentWorkbookStream(title, rules, rows), `${title}.xlsx`);
  } catch (e) {
    return toErrorResponse(e);
  }
}
