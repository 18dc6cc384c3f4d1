import "server-only";
import { analysisRouter } from "../analysis/analysis.router";
import { authRouter } from "../auth/auth.router";
import { catalogRouter } from "../catalog/catalog.router";
import { deviceRouter } from "../device/device.router";
import { identityRouter } from "../identity/identity.router";
import { ratingsRouter } from "../ratings/ratings.router";
import { overviewRouter } from "../overview/overview.router";
import { workOrdersRouter } from "../workorders/workorders.router";
import { router } from "./init";

export const appRouter = router({
  analysis: analysisRouter,
  auth: authRouter,
  catalog: catalogRouter,
  device: deviceRouter,
  identity: identityRouter,
  overview: overviewRouter,
  ratings: ratingsRouter,
  workOrders: workOrdersRouter,
});

export type AppRouter = typeof appRouter;
