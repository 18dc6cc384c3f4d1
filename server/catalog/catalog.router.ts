import { listCatalog } from "./catalog.service";
import { ZCatalog } from "./catalog.schema";
import { publicProcedure, router } from "../trpc/init";

export const catalogRouter = router({
  codes: publicProcedure.output(ZCatalog).query(({ ctx }) => listCatalog(ctx.deps.database.db)),
});
