import { z } from "zod";
import { publicProcedure, router, staffProcedure } from "../trpc/init";
import { signIn, staffCookie } from "./auth.service";
import { myWindowCases } from "./staff-cases.service";

export const authRouter = router({
  signIn: publicProcedure
    .input(z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const { session, token } = await signIn(ctx.deps, input.login, input.password, ctx.clientAddress);
      ctx.resHeaders.append("set-cookie", staffCookie(ctx.deps, token));
      return { displayName: session.displayName, role: session.role };
    }),
  signOut: publicProcedure.mutation(({ ctx }) => {
    ctx.resHeaders.append("set-cookie", staffCookie(ctx.deps, "", 0));
    return { ok: true };
  }),
  myWindowCases: staffProcedure.query(({ ctx }) => myWindowCases(ctx.deps, ctx.staff)),
});
