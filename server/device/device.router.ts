import { z } from "zod";

import { deviceProcedure, publicProcedure, router } from "../trpc/init";
import { deviceCookie, enrolDevice } from "./device.service";
import { currentCase, wasRated, windowCode } from "./screen.service";

const code = z.string().trim().min(1).max(32);

export const deviceRouter = router({
  /** staff sign in once on the screen or kiosk; the device keeps its own cookie, no staff session */
  enrol: publicProcedure
    .input(
      z.object({
        kind: z.enum(["window", "terminal"]),
        code,
        login: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { device, token } = await enrolDevice(
        ctx.deps,
        input.kind,
        input.code,
        input.login,
        input.password,
        ctx.clientAddress,
      );
      ctx.resHeaders.append("set-cookie", deviceCookie(ctx.deps, token));
      return { kind: device.kind, code: device.code };
    }),
  /** what the window screen shows now; `shown` is the case it showed last, to say thanks once it is rated */
  screen: deviceProcedure
    .input(
      z.object({
        shown: z
          .object({ serialNo: z.string().min(1).max(64), stage: z.enum(["receipt", "completion"]) })
          .optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const [current, shownRated] = await Promise.all([
        currentCase(ctx.deps, ctx.device),
        input.shown ? wasRated(ctx.deps, input.shown) : false,
      ]);
      return { current, shownRated };
    }),
  /** a fresh dynamic code for the window's current case (the screen asks again before it expires) */
  windowCode: deviceProcedure
    .input(z.object({ serialNo: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => windowCode(ctx.deps, ctx.device, input.serialNo)),
});
