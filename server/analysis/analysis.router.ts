import "server-only";

import { z } from "zod";

import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { ZAlert, ZAnalysis, ZAnalysisQuery, ZThresholds } from "./analysis.schema";
import { alertsFor, analyze, setThresholds, thresholds } from "./analysis.service";

/** Concentrated complaints (article 21 ¶2): every procedure reads the caller's scope; the thresholds are the bureau's. */
export const analysisRouter = router({
  summary: adminProcedure
    .input(ZAnalysisQuery)
    .output(ZAnalysis)
    .query(({ ctx, input }) => analyze(ctx, input)),
  alerts: adminProcedure.output(z.array(ZAlert)).query(({ ctx }) => alertsFor(ctx)),
  thresholds: adminProcedure.output(ZThresholds).query(({ ctx }) => thresholds(ctx.deps)),
  setThresholds: bureauProcedure
    .input(ZThresholds)
    .output(ZThresholds)
    .mutation(({ ctx, input }) => setThresholds(ctx, input)),
});
