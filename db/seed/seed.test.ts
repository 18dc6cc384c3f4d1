import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { inject } from "vitest";

import { hashApiKey } from "@/db/keys";
import { integrationClients } from "@/db/schema";
import { adminCtxOf } from "@/server/access/admin-ctx";
import type { StaffSession } from "@/server/auth/auth.service";
import { fixedClock } from "@/server/clock";
import { rotateClient } from "@/server/manage/platform.service";
import { DEMO_KEYS } from "@/tests/constants";
import { depsOf, testDatabase } from "@/tests/db";

import { seedDemo } from "./seed";

describe("the seed on a second start", () => {
  test("never resets a key the bureau rotated (the demo key stays dead), and sets a changed setting's key on a client never rotated", async () => {
    const { database } = await testDatabase();
    try {
      const deps = depsOf(database, inject("dataKey"), fixedClock(Date.now()));
      const keys = {
        intakeKey: DEMO_KEYS.intake,
        hotlineKey: DEMO_KEYS.hotline,
        statsKey: DEMO_KEYS.stats,
      };
      const client = async (name: string) =>
        (
          await database.db
            .select()
            .from(integrationClients)
            .where(eq(integrationClients.name, name))
        )[0]!;
      const bureau: StaffSession = {
        accountId: "b",
        displayName: "市政务服务数据管理局",
        role: "bureau",
        orgId: null,
        staffId: null,
      };
      const { key } = await rotateClient(await adminCtxOf(deps, bureau), {
        id: (await client("demo-intake")).id,
      });
      await seedDemo(database, { now: Date.now(), ...keys });
      expect((await client("demo-intake")).keyHash).toBe(hashApiKey(key));
      // a client never rotated follows its setting
      await seedDemo(database, { now: Date.now(), ...keys, hotlineKey: "a-new-hotline-key" });
      expect((await client("demo-hotline")).keyHash).toBe(hashApiKey("a-new-hotline-key"));
    } finally {
      database.close();
    }
  });
});
