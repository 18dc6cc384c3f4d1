import "server-only";

import { adminProcedure, router } from "../trpc/init";
import { ratingDetail, revealRatingRater } from "./ratingdesk.detail";
import { ZRatingId, ZRatingPage, ZRatingQuery, ZRatingReveal } from "./ratingdesk.schema";
import { listRatings } from "./ratingdesk.service";

/** 评价记录 (SPEC §7): every procedure takes the caller's scope; another scope's rating is not found. */
export const ratingDeskRouter = router({
  list: adminProcedure
    .input(ZRatingQuery)
    .output(ZRatingPage)
    .query(({ ctx, input }) => listRatings(ctx, input)),
  detail: adminProcedure.input(ZRatingId).query(({ ctx, input }) => ratingDetail(ctx, input.id)),
  reveal: adminProcedure
    .input(ZRatingReveal)
    .mutation(({ ctx, input }) => revealRatingRater(ctx, input)),
});
