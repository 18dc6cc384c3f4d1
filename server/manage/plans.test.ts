import { describe, expect, test } from "vitest";

import { adminCtxAs, ensureOrgAdmin, TOWN_ADMIN } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";
import { plansOf } from "@/tests/query-plans";

import { listAppeals } from "../appeals/appeals.service";
import type { Deps } from "../deps";
import { listFlags, ZListFlags } from "../flags/flags.service";
import { queryAudit, ZAuditQuery } from "./platform.service";

const fresh = perTestDeps();

/** The plan SQLite makes for the first statement a list runs on `table` (captured from the client, as Drizzle built it). */
async function planOf(deps: Deps, table: string, run: () => Promise<unknown>): Promise<string[]> {
  const [first] = await plansOf(deps, new RegExp(`from "(${table})"`), run);
  if (!first) throw new Error(`no statement on ${table}`);
  return first.plan;
}

// a full scan of the table itself (not of an index) is what must never happen on a page view
const fullScan = (table: string) => new RegExp(`^SCAN ${table}$`);

describe("every list of issue 14 reads an index (DESIGN §8)", () => {
  test("appeals (bureau and an org's scope), coercion flags, the audit log", async () => {
    const { deps } = await fresh();
    await ensureOrgAdmin(deps, TOWN_ADMIN);
    const bureau = await adminCtxAs(deps, "bureau");
    const town = await adminCtxAs(deps, TOWN_ADMIN.login);
    const plans = {
      appealsBureau: await planOf(deps, "appeals", () =>
        listAppeals(bureau, { status: "pending", limit: 50 }),
      ),
      appealsTown: await planOf(deps, "appeals", () => listAppeals(town)),
      flags: await planOf(deps, "coercion_flags", () =>
        listFlags(deps, ZListFlags.parse({ reviewed: false })),
      ),
      audit: await planOf(deps, "audit_log", () =>
        queryAudit(deps, ZAuditQuery.parse({ action: "appeal." })),
      ),
    };
    console.log(JSON.stringify(plans, null, 1));
    for (const [name, plan] of Object.entries(plans)) {
      const table = name.startsWith("appeals")
        ? "appeals"
        : name === "flags"
          ? "coercion_flags"
          : "audit_log";
      expect(
        plan.some((l) => fullScan(table).test(l)),
        `${name}: ${plan.join(" | ")}`,
      ).toBe(false);
      expect(
        plan.some((l) => l.includes(table) && l.includes("INDEX")),
        `${name}: ${plan.join(" | ")}`,
      ).toBe(true);
    }
    expect(plans.appealsBureau.join("|")).toMatch(
      /appeal_decisions USING (COVERING )?INDEX appeal_decisions_appeal_uq/,
    );
  });
});
