import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";
import { appRouter } from "@/server/trpc/root";

import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { fuzz } from "./fuzz";
import { alive, fuzzSetup, printReport } from "./setup";
import { trpcTargets, v1Targets } from "./targets";

/** A fixed seed and a modest count here; `npm run fuzz` sends 10 000+ with a seed of its own. */
const SEED = 17_017;
const COUNT = Number(process.env.FUZZ_COUNT ?? 1000);

describe("fuzzing every v1 endpoint and every tRPC procedure over HTTP", () => {
  let server: RunningServer;
  let database: Database;
  beforeAll(async () => {
    const file = copyTemplateDb();
    database = await openDatabase(`file:${file}`);
    server = await startServer({ databaseUrl: `file:${file}` });
  });
  afterAll(async () => {
    await server?.stop();
    database?.close();
  });

  test("the targets come from the files and the router, not a list", () => {
    const v1 = v1Targets().map((t) => t.name);
    expect(v1).toEqual(
      expect.arrayContaining([
        "POST /api/v1/case-events",
        "GET /api/v1/cases/[serialNo]",
        "GET /api/v1/openapi.json",
      ]),
    );
    expect(trpcTargets(appRouter).map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "mutation ratings.submit",
        "mutation auth.signIn",
        "query me.codeState",
      ]),
    );
    expect(trpcTargets(appRouter)).toHaveLength(Object.keys(appRouter._def.procedures).length);
  });

  test(`${COUNT} random requests: never a 5xx, always the error shape, the server alive after`, async () => {
    const { ctx, targets } = await fuzzSetup(
      server.url,
      depsOf(database, inject("dataKey"), systemClock),
    );
    const t0 = Date.now();
    const report = await fuzz(ctx, targets, {
      seed: SEED,
      count: COUNT,
      alive: () => alive(server.url),
    });
    printReport(report, Date.now() - t0);
    expect(report.failures).toEqual([]);
    expect(report.count).toBeGreaterThan(COUNT * 0.9);
    // the inputs reach past the first checks: some succeed, many are refused in different ways
    expect(Object.keys(report.histogram).length).toBeGreaterThanOrEqual(5);
    expect(await alive(server.url)).toBe(true);
  }, 120_000);
});
