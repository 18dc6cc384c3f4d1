import "server-only";

import { bureauProcedure, router } from "../trpc/init";
import { ZReportPeriod } from "./report.period";
import { reportFor } from "./report.service";

/** /admin/reports (article 23 ¶2): the 通报 of a period, the bureau's alone. */
export const reportsRouter = router({
  report: bureauProcedure.input(ZReportPeriod).query(({ ctx, input }) => reportFor(ctx, input)),
});
