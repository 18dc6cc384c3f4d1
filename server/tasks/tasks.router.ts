import "server-only";

import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { setTaskPhone, taskPhoneOf } from "./account.service";
import { superviseOrder } from "./supervise.service";
import { ZSupervise, ZTaskPhone } from "./tasks.schema";
import { tasksOf } from "./tasks.service";

/** 待办, 督办 and the handler's SMS opt-in (SPEC §7, §9): each for the caller's own scope or account. */
export const tasksRouter = router({
  list: adminProcedure.query(({ ctx }) => tasksOf(ctx)),
  supervise: bureauProcedure
    .input(ZSupervise)
    .mutation(({ ctx, input }) => superviseOrder(ctx, input)),
  phone: adminProcedure.query(({ ctx }) => taskPhoneOf(ctx)),
  setPhone: adminProcedure.input(ZTaskPhone).mutation(({ ctx, input }) => setTaskPhone(ctx, input)),
});
