import { adminRequest, searchParamsOf } from "@/server/http/admin";
import { parseWith, toErrorResponse } from "@/server/http/v1";
import { ratingsWorkbookStream } from "@/server/ratingdesk/ratingdesk.export";
import { ZRatingQuery } from "@/server/ratingdesk/ratingdesk.schema";
import { xlsxResponse } from "@/server/stats/stats.export";

/** /admin/ratings 导出 Excel: the list's rows for the same filters, over the account's scope (a bad filter is a 400). */
export async function GET(req: Request): Promise<Response> {
  try {
    const q = parseWith(ZRatingQuery, searchParamsOf(req), "query");
    const c = await adminRequest(req);
    return xlsxResponse(
      ratingsWorkbookStream(c, q),
      `评价记录_${q.from ?? "全部"}_${q.to ?? "至今"}.xlsx`,
    );
  } catch (e) {
    return toErrorResponse(e);
  }
}
