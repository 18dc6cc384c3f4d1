import "server-only";

import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { workOrderDetail } from "./desk.detail";
import {
  addDeskRecord,
  closeAtDesk,
  listMisconduct,
  markMisconduct,
  revealRater,
} from "./desk.records";
import {
  ZDeskClose,
  ZDeskRecord,
  ZMark,
  ZReveal,
  ZWorkOrderId,
  ZWorkOrderPage,
  ZWorkOrderQuery,
} from "./desk.schema";
import { listWorkOrders } from "./desk.service";

/** The work-order desk (articles 6, 7, 21, 25): every procedure takes the caller's scope. */
export const workOrdersRouter = router({
  list: adminProcedure
    .input(ZWorkOrderQuery)
    .output(ZWorkOrderPage)
    .query(({ ctx, input }) => listWorkOrders(ctx.deps, ctx.scope, input)),
  detail: adminProcedure
    .input(ZWorkOrderId)
    .query(({ ctx, input }) => workOrderDetail(ctx.deps, ctx.scope, input.id)),
  record: adminProcedure
    .input(ZDeskRecord)
    .mutation(({ ctx, input }) => addDeskRecord(ctx.deps, ctx.actor, ctx.scope, input)),
  close: adminProcedure
    .input(ZDeskClose)
    .mutation(({ ctx, input }) => closeAtDesk(ctx.deps, ctx.actor, ctx.scope, input)),
  reveal: adminProcedure
    .input(ZReveal)
    .mutation(({ ctx, input }) =>
      revealRater(ctx.deps, ctx.actor, ctx.scope, input.id, input.reason),
    ),
  mark: adminProcedure
    .input(ZMark)
    .mutation(({ ctx, input }) => markMisconduct(ctx.deps, ctx.actor, ctx.scope, input)),
  misconduct: bureauProcedure.query(({ ctx }) => listMisconduct(ctx.deps)),
});
