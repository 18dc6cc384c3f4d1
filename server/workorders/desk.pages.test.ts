import { describe, expect, test } from "vitest";
import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { badlyRated } from "@/tests/workorder-fixtures";

const fresh = perTestDeps();

describe("the desk's pages in a scope of several orgs (one index walk per org, united)", () => {
  test("台山市's admin (the city and every org below) pages one order at a time across orgs, each once, in deadline order; filters still apply", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const made: string[] = [];
    for (const place of ["W11", "W21", "W01", "W21", "W11"] as const) {
      made.push((await badlyRated(deps, place)).workOrderId);
      clock.advance(86400_000);
    }
    const city = await callerFor(deps, "admin-440781");
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await city.workOrders.list({ limit: 1, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    // due dates follow creation a day apart: the deadline order is the creation order
    expect(seen).toEqual(made);
    const bureau = await callerFor(deps, "bureau");
    expect((await bureau.workOrders.list({ limit: 50 })).rows.map((r) => r.id)).toEqual(made);
    // the org filter narrows to 台城街道 (and the orgs below it); status and item filters hold in every branch
    expect((await city.workOrders.list({ org: "440781101", limit: 50 })).rows.map((r) => r.id)).toEqual([made[0], made[4]]);
    expect((await city.workOrders.list({ item: "ITEM-0201", limit: 50 })).rows.map((r) => r.id)).toEqual([made[1], made[3]]);
    expect((await city.workOrders.list({ status: "closed", limit: 50 })).rows).toEqual([]);
    expect((await city.workOrders.list({ status: "open", limit: 2 })).rows.map((r) => r.id)).toEqual(made.slice(0, 2));
  });
});
