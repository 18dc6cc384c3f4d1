import "server-only";
import { catalogRouter } from "../catalog/catalog.router";
import { identityRouter } from "../identity/identity.router";
import { ratingsRouter } from "../ratings/ratings.router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  catalog: catalogRouter,
  identity: identityRouter,
  ratings: ratingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
