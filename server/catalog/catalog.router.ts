import { adminProcedure, router } from "../trpc/init";
import { pickOptions } from "./pick.service";

/**
 * The catalogue for the back office's filters. No public procedure lists staff names and 工号 (a
 * business system reads the catalogue with its key: GET /api/v1/catalog).
 */
export const catalogRouter = router({
  /** the back office's filters: orgs, items, windows and staff of my scope, by name */
  picks: adminProcedure.query(({ ctx }) => pickOptions(ctx)),
});
