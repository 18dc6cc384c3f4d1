import { z } from "zod";

import type { Deps } from "../deps";
import { caseForToken } from "../ratings/ratings.service";
import { publicProcedure, router } from "../trpc/init";
import { proveWithIdToken } from "./oidc.service";
import { otpDelivery, requestOtp, verifyOtp, ZTicket } from "./otp.service";
import { phoneMark } from "./phone-mark";
import { type RaterSession, sessionCookie, signSession } from "./session";
import { proveWithWindowCode } from "./window-proof.service";

const ZToken = z.object({ token: z.string().min(10).max(600) });

async function startSession(
  ctx: { deps: Deps; headers: Headers; resHeaders: Headers },
  session: RaterSession,
) {
  // the phone is marked when it proves a name, so its first rating already carries the mark (article 4)
  phoneMark(ctx);
  ctx.resHeaders.append(
    "set-cookie",
    sessionCookie(ctx.deps, await signSession(ctx.deps, session)),
  );
  return { ok: true };
}

/** Real-name proof for the case a scanned code names; the session is for that applicant only. */
export const identityRouter = router({
  sendCode: publicProcedure.input(ZToken).mutation(async ({ ctx, input }) => {
    const { c } = await caseForToken(ctx.deps, input.token);
    const sent = await requestOtp(ctx.deps, c.applicantId, ctx.clientAddress);
    return { maskedPhone: sent.maskedPhone, ticket: sent.ticket };
  }),
  /** whether the code sent under `ticket` has left for the phone (the page speaks up after 30 s) */
  codeState: publicProcedure
    .input(ZToken.extend({ ticket: ZTicket }))
    .query(async ({ ctx, input }) => {
      const { c } = await caseForToken(ctx.deps, input.token);
      return { state: await otpDelivery(ctx.deps, c.applicantId, input.ticket) };
    }),
  verifyCode: publicProcedure
    .input(
      ZToken.extend({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, "验证码是 6 位数字"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { c } = await caseForToken(ctx.deps, input.token);
      return startSession(ctx, await verifyOtp(ctx.deps, c.applicantId, input.code));
    }),
  /** inside the provincial app: its id_token proves the applicant */
  idToken: publicProcedure
    .input(ZToken.extend({ idToken: z.string().min(20).max(8000) }))
    .mutation(async ({ ctx, input }) => {
      const { c } = await caseForToken(ctx.deps, input.token);
      return startSession(ctx, await proveWithIdToken(ctx.deps, c.applicantId, input.idToken));
    }),
  windowCode: publicProcedure
    .input(ZToken)
    .mutation(async ({ ctx, input }) =>
      startSession(ctx, await proveWithWindowCode(ctx.deps, input.token)),
    ),
});
