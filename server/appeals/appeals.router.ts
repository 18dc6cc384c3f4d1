import "server-only";

import { z } from "zod";

import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { ZAppealId, ZDecideAppeal, ZListAppeals } from "./appeals.schema";
import { appealableRating, decideAppeal, getAppeal, listAppeals } from "./appeals.service";

/**
 * Article 22 over tRPC. Filing goes through the multipart route handler
 * (app/api/admin/appeals/route.ts), since it carries files; so do evidence downloads.
 */
export const appealsRouter = router({
  list: adminProcedure.input(ZListAppeals).query(({ ctx, input }) => listAppeals(ctx, input)),
  get: adminProcedure.input(ZAppealId).query(({ ctx, input }) => getAppeal(ctx, input.id)),
  rating: adminProcedure
    .input(z.object({ ratingId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => appealableRating(ctx, input.ratingId)),
  decide: bureauProcedure
    .input(ZDecideAppeal)
    .mutation(({ ctx, input }) => decideAppeal(ctx, input)),
});
