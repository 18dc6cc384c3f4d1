import { TRPCError } from "@trpc/server";
import { z } from "zod";

import type { Deps } from "../deps";
import { ZTicket } from "../identity/otp.service";
import { appendToRating, ZAppend } from "../ratings/appended.service";
import { cookieValue } from "../signed-cookie";
import { publicProcedure, router } from "../trpc/init";
import { rateFix, ZRateFix } from "../workorders/fix.service";
import { myApplicantIds } from "./me.scope";
import {
  ME_COOKIE,
  type MeSession,
  meSessionCookie,
  readMeSession,
  signMeSession,
} from "./me.session";
import { meCodeState, meFromIdToken, sendMeCode, verifyMeCode } from "./me.signin";

const ZPhone = z.object({ phone: z.string().trim().min(11).max(20) });

async function startSession(ctx: { deps: Deps; resHeaders: Headers }, session: MeSession) {
  ctx.resHeaders.append(
    "set-cookie",
    meSessionCookie(ctx.deps, await signMeSession(ctx.deps, session)),
  );
  return { ok: true };
}

/** A signed-in /me session (SPEC §7); a staff account never rates (article 4). */
const meProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.staff) throw new TRPCError({ code: "FORBIDDEN", message: "工作人员账号不能评价" });
  const me = readMeSession(ctx.deps, cookieValue(ctx.headers.get("cookie"), ME_COOKIE));
  if (!me) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先登录“我的办件”" });
  return next({ ctx: { ...ctx, me } });
});

/** 我的办件: sign-in by SMS code or the provincial app's id_token; 追加评价; 评价整改结果. */
export const meRouter = router({
  sendCode: publicProcedure
    .input(ZPhone)
    .mutation(({ ctx, input }) => sendMeCode(ctx.deps, input.phone, ctx.clientAddress)),
  codeState: publicProcedure
    .input(ZPhone.extend({ ticket: ZTicket }))
    .query(async ({ ctx, input }) => ({
      state: await meCodeState(ctx.deps, input.phone, input.ticket),
    })),
  verifyCode: publicProcedure
    .input(
      ZPhone.extend({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, "验证码是 6 位数字"),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await verifyMeCode(ctx.deps, input.phone, input.code, ctx.clientAddress)),
    ),
  idToken: publicProcedure
    .input(z.object({ idToken: z.string().min(20).max(8000) }))
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await meFromIdToken(ctx.deps, input.idToken)),
    ),
  signOut: publicProcedure.mutation(({ ctx }) => {
    ctx.resHeaders.append("set-cookie", meSessionCookie(ctx.deps, "", 0));
    return { ok: true };
  }),
  append: meProcedure.input(ZAppend).mutation(async ({ ctx, input }) => {
    const done = await appendToRating(
      ctx.deps,
      await myApplicantIds(ctx.deps.database.db, ctx.me),
      input,
    );
    return { id: done.id, replay: done.replay };
  }),
  rateFix: meProcedure
    .input(ZRateFix)
    .mutation(async ({ ctx, input }) =>
      rateFix(ctx.deps, await myApplicantIds(ctx.deps.database.db, ctx.me), input),
    ),
});
