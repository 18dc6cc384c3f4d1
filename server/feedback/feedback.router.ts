import { TRPCError } from "@trpc/server";

import { publicProcedure, router } from "../trpc/init";
import { submitFeedback, ZFeedback } from "./feedback.service";

/** 意见反馈 from a person turned away (SPEC §4): their real-name session proves the applicant. */
export const feedbackRouter = router({
  submit: publicProcedure.input(ZFeedback).mutation(({ ctx, input }) => {
    if (ctx.staff)
      throw new TRPCError({ code: "FORBIDDEN", message: "工作人员账号不能提交意见反馈" });
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先验证身份" });
    return submitFeedback(ctx.deps, ctx.session, input);
  }),
});
