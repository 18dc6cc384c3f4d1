import { eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { accounts, items, orgs, staff, windows } from "@/db/schema";
import { testDatabase } from "@/tests/db";

import { ensureBackOfficeDemo } from "./back-office";

describe("the back office's demo additions", () => {
  test("the template has them, in the right orgs; a second start adds nothing", async () => {
    const { database } = await testDatabase();
    try {
      const db = database.db;
      const ws = await db
        .select({ code: windows.code, org: orgs.code })
        .from(windows)
        .innerJoin(orgs, eq(orgs.id, windows.orgId))
        .where(inArray(windows.code, ["W11", "W21"]));
      expect(ws.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
        { code: "W11", org: "440781101-H01" },
        { code: "W21", org: "440781102" },
      ]);
      const st = await db
        .select({ no: staff.staffNo, name: staff.name })
        .from(staff)
        .where(inArray(staff.staffNo, ["TS1101", "TS1201"]));
      expect(st.map((s) => s.name).sort()).toEqual(["伍强", "黄丽"].sort());
      const it = await db
        .select({ code: items.code, org: orgs.code })
        .from(items)
        .innerJoin(orgs, eq(orgs.id, items.orgId))
        .where(inArray(items.code, ["ITEM-0101", "ITEM-0201"]));
      expect(it).toHaveLength(2);
      const acc = await db
        .select({ login: accounts.login, role: accounts.role, org: orgs.code })
        .from(accounts)
        .leftJoin(orgs, eq(orgs.id, accounts.orgId));
      expect(acc).toEqual(
        expect.arrayContaining([
          { login: "admin-440781101", role: "org_admin", org: "440781101" },
          { login: "admin-440781102", role: "org_admin", org: "440781102" },
          { login: "TS1101", role: "staff", org: null },
        ]),
      );
      expect(await ensureBackOfficeDemo(database, Date.now())).toBe(0);
    } finally {
      database.close();
    }
  });
});
