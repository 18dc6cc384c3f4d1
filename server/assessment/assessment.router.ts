import "server-only";

import { z } from "zod";

import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { ZAssessmentRules } from "./assessment.rules";
import { ZAssessmentQuery, ZYear } from "./assessment.schema";
import { assessmentFor, rulesOf, setRules } from "./assessment.service";

/** /admin/assessment (article 24): the bureau edits a year's rules; results over the account's scope. */
export const assessmentRouter = router({
  rules: adminProcedure
    .input(z.object({ year: ZYear }))
    .query(({ ctx, input }) => rulesOf(ctx.deps, input.year)),
  setRules: bureauProcedure
    .input(z.object({ year: ZYear, rules: ZAssessmentRules }))
    .mutation(({ ctx, input }) => setRules(ctx, input)),
  results: adminProcedure
    .input(ZAssessmentQuery)
    .query(({ ctx, input }) => assessmentFor(ctx, input)),
});
