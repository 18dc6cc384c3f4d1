import { v1Handler } from "@/server/http/v1";
import { ZStatsQuery } from "@/server/stats/stats.schema";
import { ALL, statsFor } from "@/server/stats/stats.service";

export const GET = v1Handler({ scope: "stats", input: ZStatsQuery, query: true }, ({ deps }, q) =>
  statsFor({ deps, scope: ALL }, q),
);
