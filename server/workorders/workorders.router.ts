import "server-only";

import { ZMark } from "../misconduct/misconduct.schema";
import { listMisconduct, markMisconduct } from "../misconduct/misconduct.service";
import { adminProcedure, bureauProcedure, router } from "../trpc/init";
import { revealOrderRater, workOrderDetail } from "./desk.detail";
import { addDeskRecord, closeAtDesk } from "./desk.records";
import {
  ZDeskClose,
  ZDeskRecord,
  ZReveal,
  ZWorkOrderId,
  ZWorkOrderPage,
  ZWorkOrderQuery,
} from "./desk.schema";
import { listWorkOrders } from "./desk.service";

/**
 * The work-order desk (articles 6, 7, 21; article 25's marks of ratings and orders live in
 * misconduct/): every procedure takes the caller's scope.
 */
export const workOrdersRouter = router({
  list: adminProcedure
    .input(ZWorkOrderQuery)
    .output(ZWorkOrderPage)
    .query(({ ctx, input }) => listWorkOrders(ctx, input)),
  detail: adminProcedure
    .input(ZWorkOrderId)
    .query(({ ctx, input }) => workOrderDetail(ctx, input.id)),
  record: adminProcedure.input(ZDeskRecord).mutation(({ ctx, input }) => addDeskRecord(ctx, input)),
  close: adminProcedure.input(ZDeskClose).mutation(({ ctx, input }) => closeAtDesk(ctx, input)),
  reveal: adminProcedure.input(ZReveal).mutation(({ ctx, input }) => revealOrderRater(ctx, input)),
  mark: adminProcedure.input(ZMark).mutation(({ ctx, input }) => markMisconduct(ctx, input)),
  misconduct: bureauProcedure.query(({ ctx }) => listMisconduct(ctx)),
});
