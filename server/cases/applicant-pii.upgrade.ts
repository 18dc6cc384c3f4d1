import { eq, sql } from "drizzle-orm";

import { settings } from "@/db/schema";

import type { Deps } from "../deps";
import { ERASED } from "../privacy/pii";
import { sealApplicantPii } from "./applicant-pii";

/** set once every applicant made before 0025 holds its PII in pii_enc: later starts skip the scan */
export const RESEALED_KEY = "upgrade.applicants_pii_enc";

interface OldRow {
  rowid: number;
  name_enc: string | null;
  id_number_enc: string | null;
  phone_enc: string | null;
  agent_name_enc: string | null;
}

/**
 * Migration 0025's data step: moves the PII of applicants made before it, sealed one field per
 * column, into pii_enc as one sealed value, and empties the old columns. SQL cannot do it (the key
 * opens the values), so npm run db:setup runs it after the migrations, where a deployment's
 * upgrade runs. Each batch is its own transaction and picks rows still without pii_enc: a run
 * stopped half-way is finished by the next, and a finished one changes nothing.
 */
export async function resealApplicantPii(
  deps: Pick<Deps, "database" | "pii" | "clock">,
  opts: { batch?: number; limit?: number } = {},
): Promise<{ resealed: number; finished: boolean }> {
  const db = deps.database.db;
  const [done] = await db.select().from(settings).where(eq(settings.key, RESEALED_KEY));
  if (done) return { resealed: 0, finished: true };
  const batch = opts.batch ?? 500;
  const limit = opts.limit ?? Infinity;
  let resealed = 0;
  for (let after = 0; resealed < limit;) {
    const take = Math.min(batch, limit - resealed);
    const rows = await deps.database.write(async (tx) => {
      const page = await tx.all<OldRow>(sql`select rowid, name_enc, id_number_enc, phone_enc,
        agent_name_enc from applicants where rowid > ${after} and pii_enc is null
        order by rowid limit ${take}`);
      for (const r of page)
        await tx.run(sql`update applicants set pii_enc = ${sealedOnce(deps, r)}, name_enc = null,
          id_number_enc = null, phone_enc = null, agent_name_enc = null where rowid = ${r.rowid}`);
      return page;
    });
    resealed += rows.length;
    if (rows.length < take) {
      await deps.database.write((tx) =>
        tx
          .insert(settings)
          .values({
            key: RESEALED_KEY,
            value: JSON.stringify(deps.clock.now()),
            updatedAt: deps.clock.now(),
            updatedBy: "db:setup",
          })
          .onConflictDoNothing(),
      );
      return { resealed, finished: true };
    }
    after = rows[rows.length - 1]!.rowid;
  }
  return { resealed, finished: false };
}

function sealedOnce(deps: Pick<Deps, "pii">, r: OldRow): string {
  // retention had erased the row: nothing is left to seal
  if (r.name_enc === ERASED || r.phone_enc === ERASED) return ERASED;
  const open = (v: string | null) => (v === null ? "" : deps.pii.decrypt(v));
  return sealApplicantPii(deps.pii, {
    name: open(r.name_enc),
    idNumber: open(r.id_number_enc),
    phone: open(r.phone_enc),
    agentName: r.agent_name_enc === null ? null : open(r.agent_name_enc),
  });
}
