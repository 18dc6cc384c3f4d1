import { z } from "zod";

import { accountProcedure, router } from "../trpc/init";
import { clientOf } from "./auth.router";
import { changePassword } from "./password.service";
import { endMySession, liveSessions } from "./sessions.service";
import { signInHistory } from "./sign-in-events";
import { confirmEnrolment, secondFactorOf, startEnrolment } from "./totp.service";

const ZSession = z.object({
  id: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  address: z.string(),
  browser: z.string(),
  current: z.boolean(),
});
const ZHistory = z.object({
  id: z.string(),
  at: z.number(),
  login: z.string().nullable(),
  displayName: z.string().nullable(),
  what: z.string(),
  address: z.string(),
  browser: z.string(),
  detail: z.string().nullable(),
});

/**
 * 账号设置 (SPEC §7 `/admin/account`): each procedure acts on the signed-in account only, and all
 * are open to an account that still owes its second factor, so that it can enrol.
 */
export const accountRouter = router({
  sessions: accountProcedure
    .output(z.array(ZSession))
    .query(({ ctx }) => liveSessions(ctx.deps, ctx.staff.accountId, ctx.staff.sessionId)),
  endSession: accountProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) =>
      endMySession(ctx.deps, ctx.staff, input.id, clientOf(ctx)).then(() => ({ ok: true })),
    ),
  changePassword: accountProcedure
    .input(
      z.object({
        current: z.string().min(1, "请输入当前密码").max(200),
        password: z.string().min(1, "请输入新密码").max(200),
      }),
    )
    .mutation(({ ctx, input }) =>
      changePassword(ctx.deps, ctx.staff, input, clientOf(ctx)).then(() => ({ ok: true })),
    ),
  secondFactor: accountProcedure
    .output(z.object({ enabled: z.boolean(), recoveryLeft: z.number(), required: z.boolean() }))
    .query(async ({ ctx }) => ({
      ...(await secondFactorOf(ctx.deps, ctx.staff.accountId)),
      required: ctx.deps.settings.require2fa,
    })),
  startEnrolment: accountProcedure
    .output(z.object({ uri: z.string(), secret: z.string(), qr: z.string() }))
    .mutation(({ ctx }) => startEnrolment(ctx.deps, ctx.staff)),
  confirmEnrolment: accountProcedure
    .input(z.object({ code: z.string().trim().min(1, "请输入 6 位动态口令").max(10) }))
    .output(z.object({ recoveryCodes: z.array(z.string()) }))
    .mutation(({ ctx, input }) => confirmEnrolment(ctx.deps, ctx.staff, input.code, clientOf(ctx))),
  history: accountProcedure
    .output(z.array(ZHistory))
    .query(({ ctx }) => signInHistory(ctx.deps, { accountId: ctx.staff.accountId })),
});

export const ZSignInHistory = z.array(ZHistory);
