import "server-only";
import { catalogRouter } from "../catalog/catalog.router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
