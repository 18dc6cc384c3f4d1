import { describe, expect, test } from "vitest";

import { callerFor } from "@/tests/admin-caller";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { badlyRated, PLACES } from "@/tests/workorder-fixtures";

import type { Deps } from "../deps";
import { submitRating } from "../ratings/ratings.service";

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
    expect(
      (await city.workOrders.list({ org: "440781101", limit: 50 })).rows.map((r) => r.id),
    ).toEqual([made[0], made[4]]);
    expect(
      (await city.workOrders.list({ item: "ITEM-0201", limit: 50 })).rows.map((r) => r.id),
    ).toEqual([made[1], made[3]]);
    expect((await city.workOrders.list({ status: "closed", limit: 50 })).rows).toEqual([]);
    expect(
      (await city.workOrders.list({ status: "open", limit: 2 })).rows.map((r) => r.id),
    ).toEqual(made.slice(0, 2));
  });

  test("台城街道's admin (the town, its hall and a village: one index walk each) pages its orders once each, never 大江镇's", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const badAt = async (d: Deps, orgCode: string) => {
      const c = await completedCase(d, { case: { ...PLACES.W11, orgCode } });
      await submitRating(
        d,
        { applicantId: c.applicantId, proof: "otp" },
        {
          token: c.token,
          submissionId: `bad-${c.serialNo}`,
          stage: "completion",
          scores: [
            { indicatorCode: "overall", level: "unsatisfied", tagCodes: ["overall.unsatisfied.1"] },
          ],
        },
      );
      return c.serialNo;
    };
    const made: string[] = [];
    for (const org of ["440781101001", "440781101", "440781102", "440781101-H01", "440781101001"]) {
      made.push(
        org === "440781102" ? (await badlyRated(deps, "W21")).serialNo : await badAt(deps, org),
      );
      clock.advance(86400_000);
    }
    const taicheng = await callerFor(deps, "admin-440781101");
    const seen: (string | null)[] = [];
    let after: string | undefined;
    do {
      const page = await taicheng.workOrders.list({ limit: 2, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.serialNo));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual([made[0], made[1], made[3], made[4]]);
    expect(
      (await taicheng.workOrders.list({ org: "440781101001", limit: 50 })).rows.map(
        (r) => r.serialNo,
      ),
    ).toEqual([made[0], made[4]]);
  });
});
