import { eq, isNull, or } from "drizzle-orm";
import type { Database } from "../client";
import { items, orgs } from "../schema";
import type { Reader } from "../types";
import { toHant } from "./catalogue-i18n";
import * as demo from "./demo-data";

/** The English the demo writes for each org and item code, with the Chinese it was written for. */
const DEMO_EN = new Map(
  [
    demo.CITY,
    demo.CITY_HALL,
    ...demo.DEPARTMENTS,
    ...demo.TOWNS,
    demo.VILLAGE,
    demo.TOWN_HALL,
    ...demo.ITEMS,
  ].map((x) => [x.code, { name: x.name, en: x.en }]),
);

/**
 * An org's or item's names for the rating page: 繁體 by conversion, English only while the
 * Chinese is still the one it was written for (a renamed item falls back to its Chinese, never
 * to a wrong English), as the catalogue's texts do.
 */
export function nameTranslations(row: { code: string; name: string }): {
  nameHant: string;
  nameEn: string | null;
} {
  const demoName = DEMO_EN.get(row.code);
  return { nameHant: toHant(row.name), nameEn: demoName?.name === row.name ? demoName.en : null };
}

const TABLES = [orgs, items] as const;

async function missing(db: Reader) {
  return Promise.all(
    TABLES.map((table) =>
      db
        .select({
          id: table.id,
          code: table.code,
          name: table.name,
          nameHant: table.nameHant,
          nameEn: table.nameEn,
        })
        .from(table)
        .where(or(isNull(table.nameHant), isNull(table.nameEn))),
    ),
  );
}

/**
 * Fills the empty name translations of orgs and items (migration 0007 adds the columns empty, and
 * an org or item added later has none): only empty columns, so a corrected translation is kept.
 * Returns how many rows it changed; 0 on a second run.
 */
export async function fillNameTranslations(database: Database): Promise<number> {
  const needs = (rows: Awaited<ReturnType<typeof missing>>[number]) =>
    rows
      .map((r) => {
        const made = nameTranslations(r);
        const patch = {
          ...(r.nameHant === null ? { nameHant: made.nameHant } : {}),
          ...(r.nameEn === null && made.nameEn !== null ? { nameEn: made.nameEn } : {}),
        };
        return { id: r.id, patch };
      })
      .filter((p) => Object.keys(p.patch).length > 0);
  if ((await missing(database.db)).every((rows) => needs(rows).length === 0)) return 0;
  return database.write(async (tx) => {
    let changed = 0;
    for (const [i, rows] of (await missing(tx)).entries()) {
      const table = TABLES[i]!;
      for (const { id, patch } of needs(rows)) await tx.update(table).set(patch).where(eq(table.id, id));
      changed += needs(rows).length;
    }
    return changed;
  });
}
