import "server-only";
import { assessmentRouter } from "../assessment/assessment.router";
import { authRouter } from "../auth/auth.router";
import { catalogRouter } from "../catalog/catalog.router";
import { deviceRouter } from "../device/device.router";
import { identityRouter } from "../identity/identity.router";
import { ratingsRouter } from "../ratings/ratings.router";
import { overviewRouter } from "../overview/overview.router";
import { statsRouter } from "../stats/stats.router";
import { workOrdersRouter } from "../workorders/workorders.router";
import { router } from "./init";

export const appRouter = router({
  assessment: assessmentRouter,
  auth: authRouter,
  catalog: catalogRouter,
  device: deviceRouter,
  identity: identityRouter,
  overview: overviewRouter,
  ratings: ratingsRouter,
  stats: statsRouter,
  workOrders: workOrdersRouter,
});

export type AppRouter = typeof appRouter;
