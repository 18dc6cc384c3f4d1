import { raterProcedure, router } from "../trpc/init";
import { ZRatingReceipt, ZSubmitRating } from "./ratings.schema";
import { submitRating } from "./ratings.service";

export const ratingsRouter = router({
  submit: raterProcedure
    .input(ZSubmitRating)
    .output(ZRatingReceipt)
    .mutation(({ ctx, input }) => submitRating(ctx.deps, ctx.session, input)),
});
