import { describe, expect, test } from "vitest";
import { ensureOrgAdmin, sessionOf, TOWN_ADMIN } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";
import { listAppeals } from "../appeals/appeals.service";
import type { Deps } from "../deps";
import { listFlags } from "../flags/flags.service";
import { queryAudit } from "./platform.service";

const fresh = perTestDeps();

/** The plan SQLite makes for the statement a list runs on `table` (captured from the client, as Drizzle built it). */
async function planOf(deps: Deps, table: string, run: () => Promise<unknown>): Promise<string[]> {
  const client = deps.database.client;
  const original = client.execute.bind(client);
  let captured: { sql: string; args: unknown[] } | null = null;
  client.execute = ((stmt: { sql: string; args: unknown[] }) => {
    if (typeof stmt === "object" && stmt.sql.includes(`from "${table}"`)) captured ??= stmt;
    return original(stmt as never);
  }) as typeof client.execute;
  try {
    await run();
  } finally {
    client.execute = original;
  }
  if (!captured) throw new Error(`no statement on ${table}`);
  const { sql, args } = captured as { sql: string; args: unknown[] };
  const plan = await original({ sql: `explain query plan ${sql}`, args: args as never });
  return plan.rows.map((r) => r.detail as string);
}

// a full scan of the table itself (not of an index) is what must never happen on a page view
const fullScan = (table: string) => new RegExp(`^SCAN ${table}$`);

describe("every list of issue 14 reads an index (DESIGN §8)", () => {
  test("appeals (bureau and an org's scope), coercion flags, the audit log", async () => {
    const { deps } = await fresh();
    await ensureOrgAdmin(deps, TOWN_ADMIN);
    const bureau = await sessionOf(deps, "bureau");
    const town = await sessionOf(deps, TOWN_ADMIN.login);
    const plans = {
      appealsBureau: await planOf(deps, "appeals", () => listAppeals(deps, bureau, { status: "pending" })),
      appealsTown: await planOf(deps, "appeals", () => listAppeals(deps, town)),
      flags: await planOf(deps, "coercion_flags", () => listFlags(deps, { reviewed: false })),
      audit: await planOf(deps, "audit_log", () => queryAudit(deps, { action: "appeal." })),
    };
    console.log(JSON.stringify(plans, null, 1));
    for (const [name, plan] of Object.entries(plans)) {
      const table = name.startsWith("appeals") ? "appeals" : name === "flags" ? "coercion_flags" : "audit_log";
      expect(
        plan.some((l) => fullScan(table).test(l)),
        `${name}: ${plan.join(" | ")}`,
      ).toBe(false);
      expect(
        plan.some((l) => l.includes(table) && l.includes("INDEX")),
        `${name}: ${plan.join(" | ")}`,
      ).toBe(true);
    }
    expect(plans.appealsBureau.join("|")).toMatch(/appeal_decisions USING (COVERING )?INDEX appeal_decisions_appeal_uq/);
  });
});
