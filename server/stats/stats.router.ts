import "server-only";
import { z } from "zod";
import { ZPublishInput } from "../publication/publication.schema";
import { publishMonth, publicResults, publishedPeriods } from "../publication/publication.service";
import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { ZStatsAnswer, ZStatsQuery } from "./stats.schema";
import { statsFor } from "./stats.service";

/** The dashboards (/admin/stats) and publication (/admin/publish): scope checked in the service. */
export const statsRouter = router({
  query: adminProcedure
    .input(ZStatsQuery.and(z.object({ includeDefaults: z.boolean().default(true) })))
    .output(ZStatsAnswer)
    .query(({ ctx, input }) => statsFor(ctx.deps, ctx.scope, input, { includeDefaults: input.includeDefaults })),
  publish: bureauProcedure.input(ZPublishInput).mutation(({ ctx, input }) => publishMonth(ctx.deps, ctx.actor, input.period)),
  publications: bureauProcedure.query(async ({ ctx }) => {
    const periods = await publishedPeriods(ctx.deps);
    return Promise.all(periods.map(async (p) => ({ period: p, versions: (await publicResults(ctx.deps, p)).versions })));
  }),
});
