import { z } from "zod";

import { cookieValue } from "../signed-cookie";
import { publicProcedure, router, staffProcedure, type TrpcContext } from "../trpc/init";
import {
  PENDING_COOKIE,
  pendingCookie,
  renewPassword,
  sessionMaxAgeS,
  signIn,
  type SignInStep,
  verifyCode,
} from "./auth.service";
import { sessionCookie, signOut, STAFF_COOKIE } from "./sessions.service";
import { myWindowCases } from "./staff-cases.service";

export const clientOf = (ctx: Pick<TrpcContext, "clientAddress" | "headers">) => ({
  address: ctx.clientAddress,
  userAgent: ctx.headers.get("user-agent"),
});

/** Each step's cookie: the session when done (the pending step cleared), else the next step's. */
async function answer(ctx: TrpcContext, s: SignInStep) {
  if (s.step === "done") {
    ctx.resHeaders.append(
      "set-cookie",
      sessionCookie(ctx.deps, s.token, await sessionMaxAgeS(ctx.deps)),
    );
    ctx.resHeaders.append("set-cookie", pendingCookie(ctx.deps, "", 0));
    return { step: s.step, displayName: s.session.displayName, role: s.session.role };
  }
  ctx.resHeaders.append("set-cookie", pendingCookie(ctx.deps, s.pending));
  return { step: s.step };
}

const pendingOf = (ctx: TrpcContext) => cookieValue(ctx.headers.get("cookie"), PENDING_COOKIE);

export const authRouter = router({
  signIn: publicProcedure
    .input(
      z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }),
    )
    .mutation(async ({ ctx, input }) =>
      answer(ctx, await signIn(ctx.deps, input.login, input.password, clientOf(ctx))),
    ),
  /** 动态口令 or 恢复码, after a right password */
  verifyCode: publicProcedure
    .input(z.object({ code: z.string().trim().min(1, "请输入动态口令或恢复码").max(20) }))
    .mutation(async ({ ctx, input }) =>
      answer(ctx, await verifyCode(ctx.deps, pendingOf(ctx), input.code, clientOf(ctx))),
    ),
  /** a new password in place of one past its age */
  renewPassword: publicProcedure
    .input(z.object({ password: z.string().min(1, "请输入新密码").max(200) }))
    .mutation(async ({ ctx, input }) =>
      answer(ctx, await renewPassword(ctx.deps, pendingOf(ctx), input.password, clientOf(ctx))),
    ),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    await signOut(ctx.deps, cookieValue(ctx.headers.get("cookie"), STAFF_COOKIE), clientOf(ctx));
    ctx.resHeaders.append("set-cookie", sessionCookie(ctx.deps, "", 0));
    return { ok: true };
  }),
  myWindowCases: staffProcedure.query(({ ctx }) => myWindowCases(ctx.deps, ctx.staff)),
});
