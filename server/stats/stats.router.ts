import "server-only";

import { z } from "zod";

import { ZPublishInput } from "../publication/publication.schema";
import { publicResults, publishedPeriods, publishMonth } from "../publication/publication.service";
import { adminProcedure, bureauProcedure, router, staffProcedure } from "../trpc/init";
import { FEED_CURSOR, myMonthSummary, myServiceFeed } from "./staff-feed.service";
import { ZStatsAnswer, ZStatsQuery } from "./stats.schema";
import { statsFor } from "./stats.service";

/** The dashboards (/admin/stats) and publication (/admin/publish): scope checked in the service. */
export const statsRouter = router({
  query: adminProcedure
    .input(ZStatsQuery.and(z.object({ includeDefaults: z.boolean().default(true) })))
    .output(ZStatsAnswer)
    .query(({ ctx, input }) => statsFor(ctx, input, { includeDefaults: input.includeDefaults })),
  /** /staff: the signed-in staff member's own ratings' service parts */
  myFeed: staffProcedure
    .input(
      z
        .object({
          before: z.string().regex(FEED_CURSOR).optional(),
          limit: z.number().int().min(1).max(100).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      myServiceFeed(ctx.deps, ctx.staff, { before: input?.before, limit: input?.limit }),
    ),
  myMonth: staffProcedure.query(({ ctx }) => myMonthSummary(ctx.deps, ctx.staff)),
  publish: bureauProcedure
    .input(ZPublishInput)
    .mutation(({ ctx, input }) => publishMonth(ctx, input.period)),
  publications: bureauProcedure.query(async ({ ctx }) => {
    const periods = await publishedPeriods(ctx.deps);
    return Promise.all(
      periods.map(async (p) => ({
        period: p,
        versions: (await publicResults(ctx.deps, p)).versions,
      })),
    );
  }),
});
