import "server-only";

import { bureauProcedure, router } from "../trpc/init";
import { listFlags, reviewFlag, ZListFlags, ZReviewFlag } from "./flags.service";

/** Article 4 coercion flags: the bureau alone. */
export const flagsRouter = router({
  list: bureauProcedure.input(ZListFlags).query(({ ctx, input }) => listFlags(ctx.deps, input)),
  review: bureauProcedure.input(ZReviewFlag).mutation(({ ctx, input }) => reviewFlag(ctx, input)),
});
