import { getDeps } from "@/server/deps";
import { demoOnly } from "@/server/http/dev";

/** The one writer's counters, for the benchmarks' writes-per-fsync figure. */
export const GET = demoOnly(async () => Response.json((await getDeps()).database.writerStats()));
