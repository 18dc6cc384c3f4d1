import { and, count, eq, isNull } from "drizzle-orm";
import { expect, test } from "vitest";

import { ratings, ratingStages, statsPublications, workOrders } from "@/db/schema";
import { perTestDeps } from "@/tests/db";

import { verifyChain } from "../ratings/chain";
import { rebuildRollups, storedCells } from "../stats/rebuild";
import { seedHistory } from "./history";

const fresh = perTestDeps();

test(
  "the demo history: real cases and ratings through the services, defaults for the rest, the desk's work, last month published",
  { timeout: 120_000 },
  async () => {
    const now = Date.parse("2026-03-10T10:00:00+08:00");
    const { deps } = await fresh("2026-03-10T10:00:00+08:00");
    const made = await seedHistory(deps, { now, days: 40 });
    expect(made.cases).toBeGreaterThan(150);
    expect(made.ratings).toBeGreaterThan(50);
    const db = deps.database.db;

    const [rated] = await db
      .select({ n: count() })
      .from(ratings)
      .where(eq(ratings.source, "rater"));
    const [defaults] = await db
      .select({ n: count() })
      .from(ratings)
      .where(eq(ratings.source, "default"));
    expect(rated!.n).toBe(made.ratings);
    expect(defaults!.n).toBeGreaterThan(0);
    // every stage whose window closed before now has its rating (article 17)
    const unrated = await db
      .select({ id: ratingStages.id, closesAt: ratingStages.closesAt })
      .from(ratingStages)
      .leftJoin(
        ratings,
        and(eq(ratings.caseId, ratingStages.caseId), eq(ratings.stage, ratingStages.stage)),
      )
      .where(isNull(ratings.id));
    expect(unrated.filter((s) => s.closesAt !== null && s.closesAt <= now)).toEqual([]);

    const orders = await db.select({ status: workOrders.status }).from(workOrders);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.some((o) => o.status === "closed")).toBe(true);

    expect(await verifyChain(db)).toMatchObject({ brokenAt: null });
    // the rollups the services kept are what a rebuild from the ratings gives
    const kept = await storedCells(db);
    await rebuildRollups(deps.database);
    expect(await storedCells(db)).toEqual(kept);
    expect(await db.select({ period: statsPublications.period }).from(statsPublications)).toEqual([
      { period: "2026-02" },
    ]);

    // the same seed gives the same history
    const { deps: again } = await fresh("2026-03-10T10:00:00+08:00");
    expect(await seedHistory(again, { now, days: 40 })).toEqual(made);
  },
);
