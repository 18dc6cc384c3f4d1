import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";

import { testDatabase } from "../../tests/db";
import type { Database } from "../client";
import { items, orgs } from "../schema";
import { fillNameTranslations, nameTranslations } from "./names-i18n";

const names = async (database: Database) => {
  const [o, i] = await Promise.all([
    database.db.select().from(orgs).orderBy(orgs.code),
    database.db.select().from(items).orderBy(items.code),
  ]);
  return [...o, ...i].map((r) => ({
    code: r.code,
    name: r.name,
    nameHant: r.nameHant,
    nameEn: r.nameEn,
  }));
};

describe("org and item names in 繁體 and English", () => {
  let database: Database;
  afterEach(() => database.close());

  test("a new database has every demo org and item in all three, the English without Chinese", async () => {
    ({ database } = await testDatabase());
    const rows = await names(database);
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.nameHant?.trim(), r.code).toBeTruthy();
      expect(r.nameEn?.trim(), r.code).toBeTruthy();
      expect(r.nameEn, r.code).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(rows.find((r) => r.code === "ITEM-0001")).toMatchObject({
      name: "社会保障卡信息变更",
      nameHant: "社會保障卡信息變更",
      nameEn: "Change of social security card details",
    });
    // a place name keeps 台 in Hong Kong forms
    expect(rows.find((r) => r.code === "440781")).toMatchObject({
      nameHant: "台山市",
      nameEn: "Taishan City",
    });
  });

  test("a database from before migration 0007 is filled on the next start; what someone corrected is kept; a second run writes nothing", async () => {
    ({ database } = await testDatabase());
    const seeded = await names(database);
    await database.write(async (tx) => {
      await tx
        .update(orgs)
        .set({ nameHant: null, nameEn: null })
        .where(sql`1`);
      await tx
        .update(items)
        .set({ nameHant: null, nameEn: null })
        .where(sql`1`);
      await tx
        .update(items)
        .set({ nameEn: "Social security card: changes" })
        .where(eq(items.code, "ITEM-0001"));
    });
    expect(await fillNameTranslations(database)).toBe(seeded.length);
    const filled = await names(database);
    expect(filled.find((r) => r.code === "ITEM-0001")?.nameEn).toBe(
      "Social security card: changes",
    );
    expect(filled.filter((r) => r.code !== "ITEM-0001")).toEqual(
      seeded.filter((r) => r.code !== "ITEM-0001"),
    );
    const writes = database.writerStats();
    expect(await fillNameTranslations(database)).toBe(0);
    expect(database.writerStats()).toEqual(writes);
  });

  test("a renamed item or an unknown code gets its 繁體 but no English: never an English written for another name", () => {
    expect(nameTranslations({ code: "ITEM-0001", name: "社会保障卡挂失" })).toEqual({
      nameHant: "社會保障卡掛失",
      nameEn: null,
    });
    expect(nameTranslations({ code: "ITEM-9999", name: "护照签发" })).toEqual({
      nameHant: "護照簽發",
      nameEn: null,
    });
  });
});
