import { canonicalJson } from "../json";
import type { Pii } from "./pii";

/** A column's plain text (null when the column is empty, erased or not sealed). */
export type Plain = Record<string, string | null>;

/**
 * Every table that holds values sealed by `Pii.encrypt`, and the keyed digests made from those
 * values' plain text in the same row, which the migration recomputes under the new suite.
 * A digest whose plain text is not kept is not here (README, 密评 section): the 12345 body hashes,
 * one-time codes and sign-in failure keys, and the phone marks inside the chained ratings.
 */
export interface SealedTable {
  table: string;
  sealed: string[];
  derived?: (plain: Plain, pii: Pii) => Record<string, string>;
}

function phoneIndex(phone: string | null | undefined, pii: Pii, column: string): Record<string, string> {
  return phone ? { [column]: pii.blindIndex("phone", phone) } : {};
}

function bodyDigest(payload: string | null, pii: Pii): Record<string, string> {
  return payload ? { body_hash: pii.digest("case-event", canonicalJson(JSON.parse(payload))) } : {};
}

const smsRecipient = (payload: string | null) => (payload ? (JSON.parse(payload) as { to?: string }).to : null);

export const SEALED_TABLES: SealedTable[] = [
  {
    table: "applicants",
    sealed: ["name_enc", "id_number_enc", "phone_enc", "agent_name_enc"],
    derived: (p, pii) => ({
      ...(p.id_number_enc ? { id_hash: pii.blindIndex("id", p.id_number_enc) } : {}),
      ...phoneIndex(p.phone_enc, pii, "phone_hash"),
    }),
  },
  { table: "accounts", sealed: ["phone_enc"], derived: (p, pii) => phoneIndex(p.phone_enc, pii, "phone_hash") },
  {
    table: "case_events",
    sealed: ["payload_enc"],
    // the replay check: a body sent again after the migration still answers its first answer
    derived: (p, pii) => bodyDigest(p.payload_enc ?? null, pii),
  },
  {
    table: "outbox",
    sealed: ["payload_enc"],
    derived: (p, pii) => phoneIndex(smsRecipient(p.payload_enc ?? null), pii, "recipient_hash"),
  },
  { table: "hotline_calls", sealed: ["caller_name_enc", "caller_phone_enc"] },
  { table: "signing_keys", sealed: ["private_jwk_enc"] },
  { table: "audit_log", sealed: ["reason_enc"] },
  { table: "misconduct_marks", sealed: ["note_enc"] },
  { table: "feedback", sealed: ["text_enc"] },
];
