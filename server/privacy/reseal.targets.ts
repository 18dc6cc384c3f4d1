import { sql } from "drizzle-orm";

import type { Reader } from "@/db/types";

import type { ApplicantPii } from "../cases/applicant-pii";
import { canonicalJson } from "../json";
import type { Pii } from "./pii";

/** A column's plain text (null when the column is empty, erased or not sealed). */
export type Plain = Record<string, string | null>;
type Derive = (plain: Plain, pii: Pii) => Record<string, string>;

/** A table that holds values sealed by `Pii.encrypt`, and the digests made from their plain text. */
export interface SealedTable {
  table: string;
  sealed: string[];
  derived?: Derive;
}

function phoneIndex(
  phone: string | null | undefined,
  pii: Pii,
  column: string,
): Record<string, string> {
  return phone ? { [column]: pii.blindIndex("phone", phone) } : {};
}

function bodyDigest(payload: string | null, pii: Pii): Record<string, string> {
  return payload ? { body_hash: pii.digest("case-event", canonicalJson(JSON.parse(payload))) } : {};
}

const smsRecipient = (payload: string | null) =>
  payload ? (JSON.parse(payload) as { to?: string }).to : null;

/**
 * The keyed digests made from the plain text of sealed values in the same row, which the
 * migration makes again under the new suite. A digest whose plain text is not kept is not here
 * (README, Cryptography): the 12345 body hashes, one-time codes and sign-in failure keys, and the
 * phone marks inside the chained ratings.
 */
export const DERIVED: Record<string, Derive> = {
  applicants: (p, pii) => {
    // one sealed value since 0025; a row its upgrade step has not reached keeps a seal per field
    const a = p.pii_enc
      ? (JSON.parse(p.pii_enc) as Partial<ApplicantPii>)
      : { idNumber: p.id_number_enc, phone: p.phone_enc };
    return {
      ...(a.idNumber ? { id_hash: pii.blindIndex("id", a.idNumber) } : {}),
      ...phoneIndex(a.phone, pii, "phone_hash"),
    };
  },
  accounts: (p, pii) => phoneIndex(p.phone_enc, pii, "phone_hash"),
  // the replay check: a body sent again after the migration still answers its first answer
  case_events: (p, pii) => bodyDigest(p.payload_enc ?? null, pii),
  outbox: (p, pii) => phoneIndex(smsRecipient(p.payload_enc ?? null), pii, "recipient_hash"),
};

/**
 * Every column named `*_enc` holds values sealed by `Pii.encrypt` (the schema's convention), so
 * the tables to migrate are read from the database itself: a sealed column added later (another
 * branch's, a new table's) moves with the rest without anyone remembering to list it here.
 */
export async function sealedTables(db: Reader): Promise<SealedTable[]> {
  const columns = await db.all<{ tbl: string; col: string }>(
    sql`select m.name as tbl, p.name as col from sqlite_master m, pragma_table_info(m.name) p
      where m.type = 'table' and substr(p.name, -4) = '_enc' order by m.name, p.cid`,
  );
  const tables = new Map<string, string[]>();
  for (const { tbl, col } of columns) tables.set(tbl, [...(tables.get(tbl) ?? []), col]);
  return [...tables].map(([table, sealed]) => ({ table, sealed, derived: DERIVED[table] }));
}
