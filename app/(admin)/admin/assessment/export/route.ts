import { assessmentWorkbookStream } from "@/server/assessment/assessment.export";
import { assessmentTitle } from "@/server/assessment/assessment.rules";
import { ZAssessmentParams } from "@/server/assessment/assessment.schema";
import { assessmentFor } from "@/server/assessment/assessment.service";
import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { errorResponse, toErrorResponse } from "@/server/http/v1";
import { xlsxResponse } from "@/server/stats/stats.export";

/** /admin/assessment 导出 Excel (bureau): the ranked results of a year or quarter, by unit or staff; a bad query is a 400 naming the field. */
export async function GET(req: Request): Promise<Response> {
  const parsed = ZAssessmentParams.safeParse(searchParamsOf(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return errorResponse(400, "validation_failed", `${issue?.path.join(".") || "query"}: ${issue?.message ?? "查询条件有误"}`);
  }
  try {
    const { deps, scope } = await adminRequest(req, { bureau: true });
    const q = parsed.data;
    const { rules, rows } = await assessmentFor(deps, scope, q);
    const title = assessmentTitle(q);
    return xlsxResponse(assessmentWorkbookStream(title, rules, rows), `${title}.xlsx`);
  } catch (e) {
    return toErrorResponse(e);
  }
}
