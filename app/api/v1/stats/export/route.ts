import { v1Handler } from "@/server/http/v1";
import { statsWorkbookStream, xlsxResponse } from "@/server/stats/stats.export";
import { ZStatsQuery } from "@/server/stats/stats.schema";
import { ALL, statsFor } from "@/server/stats/stats.service";

export const GET = v1Handler(
  { scope: "stats", input: ZStatsQuery, query: true },
  async ({ deps }, q) =>
    xlsxResponse(
      statsWorkbookStream(await statsFor({ deps, scope: ALL }, q)),
      `好差评统计_${q.groupBy}_${q.from}_${q.to}.xlsx`,
    ),
);
