import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditLog } from "@/db/schema";
import { perTestDeps } from "@/tests/db";

import { getSetting, setSetting } from "./settings.service";

const deps = perTestDeps();
const bureau = { id: "acc-bureau", name: "市政务服务数据管理局" };

describe("bureau settings", () => {
  test("an absent setting takes its default; a change is kept and audited with before and after", async () => {
    const { deps: d } = await deps();
    expect(await getSetting(d, "analysis.alertCount")).toBe(3);
    await setSetting(d, bureau, "analysis.alertCount", 5);
    expect(await getSetting(d, "analysis.alertCount")).toBe(5);
    const rows = await d.database.db.select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: "acc-bureau",
      action: "settings.change",
      target: "setting:analysis.alertCount",
    });
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ before: 3, after: 5 });
  });

  test("a bad value is refused with a sentence naming the setting, and nothing changes", async () => {
    const { deps: d } = await deps();
    await expect(setSetting(d, bureau, "analysis.alertDays", 0)).rejects.toThrow(/统计天数/);
    await expect(setSetting(d, bureau, "analysis.alertDays", "30")).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await getSetting(d, "analysis.alertDays")).toBe(30);
  });

  test("the audit log refuses updates and deletes", async () => {
    const { deps: d } = await deps();
    await setSetting(d, bureau, "pii.retentionYears", 5);
    const refusal = (q: ReturnType<typeof sql>) =>
      d.database
        .write((tx) => tx.run(q))
        .then(
          () => "written",
          (e: Error) => String(e.cause),
        );
    expect(await refusal(sql`update audit_log set action = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only/);
  });
});
