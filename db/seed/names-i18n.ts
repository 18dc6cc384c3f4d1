import { eq, isNull, or } from "drizzle-orm";

import type { Database } from "../client";
import { items, orgs } from "../schema";
import type { Reader } from "../types";
import { emptyOnly, hasAny, toHant } from "./catalogue-i18n";
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
    ...demo.BACK_OFFICE.items,
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

/** Per table, the rows with an empty translation that can be filled, and what to fill them with. */
async function missing(db: Reader) {
  const rows = await Promise.all(
    TABLES.map((t) =>
      db
        .select({ id: t.id, code: t.code, name: t.name, nameHant: t.nameHant, nameEn: t.nameEn })
        .from(t)
        .where(or(isNull(t.nameHant), isNull(t.nameEn))),
    ),
  );
  return rows.map((list) =>
    list
      .map((r) => ({ id: r.id, patch: emptyOnly(r, nameTranslations(r)) }))
      .filter((p) => hasAny(p.patch)),
  );
}

/**
 * Fills the empty name translations of orgs and items (migration 0007 adds the columns empty, and
 * an org or item added later has none): only empty columns, so a corrected translation is kept.
 * Returns how many rows it changed; 0 on a second run.
 */
export async function fillNameTranslations(database: Database): Promise<number> {
  if ((await missing(database.db)).every((todo) => todo.length === 0)) return 0;
  return database.write(async (tx) => {
    const todo = await missing(tx);
    for (const [i, rows] of todo.entries())
      for (const { id, patch } of rows)
        await tx.update(TABLES[i]!).set(patch).where(eq(TABLES[i]!.id, id));
    return todo.flat().length;
  });
}
