import { listCatalog } from "./catalog.service";
import { ZCatalog } from "./catalog.schema";
import { adminProcedure, publicProcedure, router } from "../trpc/init";
import { pickOptions } from "./pick.service";

export const catalogRouter = router({
  codes: publicProcedure.output(ZCatalog).query(({ ctx }) => listCatalog(ctx.deps.database.db)),
  /** the back office's filters: orgs, items, windows and staff of my scope, by name */
  picks: adminProcedure.query(({ ctx }) => pickOptions(ctx.deps, ctx.scope)),
});
