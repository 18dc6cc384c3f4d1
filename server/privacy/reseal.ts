import { sql } from "drizzle-orm";

import type { Database } from "@/db/client";
import type { Reader, Tx } from "@/db/types";

import type { Pii } from "./pii";
import type { Plain, SealedTable } from "./reseal.targets";
import { SEAL_PREFIX, sealedBy } from "./seal";

type Row = Record<string, unknown> & { rowid: number };
export type PiiPair = Record<"from" | "to", Pii>;

/**
 * Append-only tables refuse any update by trigger (case events, audit log, ratings …). The
 * migration is the one writer allowed through: it lifts a table's update triggers and puts them
 * back, as they were, inside the same transaction, so no commit ever sees the table unguarded.
 */
export async function withoutUpdateTriggers<T>(
  tx: Tx,
  table: string,
  fn: () => Promise<T>,
): Promise<T> {
  const triggers = await tx.all<{ name: string; sql: string }>(
    sql`select name, sql from sqlite_master
      where type = 'trigger' and tbl_name = ${table} and upper(sql) like '%BEFORE UPDATE%'`,
  );
  for (const t of triggers) await tx.run(sql`drop trigger ${sql.identifier(t.name)}`);
  const out = await fn();
  for (const t of triggers) await tx.run(sql.raw(t.sql));
  return out;
}

/** The plain text of each sealed column of a row, opened by whichever of the pair sealed it (null: not sealed). */
function plainOf(spec: SealedTable, row: Row, pii: PiiPair): Plain {
  const plain: Plain = {};
  for (const c of spec.sealed) {
    const v = row[c];
    const by = typeof v === "string" ? sealedBy(v) : null;
    const opener = by === pii.from.suite.name ? pii.from : pii.to;
    plain[c] = typeof v === "string" && by !== null ? opener.decrypt(v) : null;
  }
  return plain;
}

/**
 * Re-seals the next `limit` rows (after `rowid`) of a table that still hold a value of the old
 * suite, with the digests made from them, in one transaction. Which rows are done is read from
 * the values' prefixes, so a run stopped half-way is finished by the next one.
 */
export async function resealBatch(
  database: Database,
  spec: SealedTable,
  pii: PiiPair,
  after: number,
  limit: number,
) {
  const old = SEAL_PREFIX[pii.from.suite.name];
  const stillOld = sql.join(
    spec.sealed.map((c) => sql`substr(${sql.identifier(c)}, 1, ${old.length}) = ${old}`),
    sql` or `,
  );
  return database.write(async (tx) => {
    const rows = await tx.all<Row>(
      sql`select rowid, * from ${sql.identifier(spec.table)}
        where rowid > ${after} and (${stillOld}) order by rowid limit ${limit}`,
    );
    if (rows.length === 0) return { count: 0, last: after };
    await withoutUpdateTriggers(tx, spec.table, async () => {
      for (const row of rows) {
        const plain = plainOf(spec, row, pii);
        const set: Record<string, string> = { ...spec.derived?.(plain, pii.to) };
        for (const c of spec.sealed)
          if (String(row[c]).startsWith(old)) set[c] = pii.to.encrypt(plain[c] ?? "");
        const assignments = sql.join(
          Object.entries(set).map(([c, v]) => sql`${sql.identifier(c)} = ${v}`),
          sql`, `,
        );
        await tx.run(
          sql`update ${sql.identifier(spec.table)} set ${assignments} where rowid = ${row.rowid}`,
        );
      }
    });
    return { count: rows.length, last: rows[rows.length - 1]!.rowid };
  });
}

export interface ReadBack {
  values: number;
  /** digests that differ from the ones made again from the plain text */
  staleDigests: number;
}

/** Opens every sealed value of a table under `pii` (throws on any it cannot) and checks its digests. */
export async function readBack(
  db: Reader,
  spec: SealedTable,
  pii: Pii,
  pageSize = 1000,
): Promise<ReadBack> {
  const out: ReadBack = { values: 0, staleDigests: 0 };
  for (let after = 0; ;) {
    const table = sql.identifier(spec.table);
    const page = await db.all<Row>(sql`select rowid, * from ${table} where rowid > ${after}
      order by rowid limit ${pageSize}`);
    for (const row of page) {
      const plain = plainOf(spec, row, { from: pii, to: pii });
      out.values += Object.values(plain).filter((v) => v !== null).length;
      for (const [c, v] of Object.entries(spec.derived?.(plain, pii) ?? {}))
        if (row[c] !== v) out.staleDigests += 1;
    }
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.rowid;
  }
}
