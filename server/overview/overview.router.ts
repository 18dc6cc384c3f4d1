import "server-only";

import { adminProcedure, router } from "../trpc/init";
import { overview } from "./overview.service";

export const overviewRouter = router({
  get: adminProcedure.query(({ ctx }) => overview(ctx)),
});
