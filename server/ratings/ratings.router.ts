import { TRPCError } from "@trpc/server";

import { phoneMark } from "../identity/phone-mark";
import { ratingProcedure, router } from "../trpc/init";
import { ZRatingReceipt, ZSubmitRating } from "./ratings.schema";
import { submitFromDevice, submitRating } from "./ratings.service";

export const ratingsRouter = router({
  submit: ratingProcedure
    .input(ZSubmitRating)
    .output(ZRatingReceipt)
    .mutation(({ ctx, input }) => {
      if (ctx.device) return submitFromDevice(ctx.deps, ctx.device, input);
      if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先验证身份" });
      return submitRating(ctx.deps, ctx.session, input, { deviceHash: phoneMark(ctx) });
    }),
});
