import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import { applicants } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { MeSession } from "./me.session";

/**
 * Whose cases a /me session may see: the applicants registered with the proven phone (or ID
 * number), found on the blind index — never anyone else's. The phone by its own index; the ID
 * number by the unique (type, id_hash) key, both types named so the key's range serves it
 * (migration 0018 dropped the second index on id_hash alone, which only cost bulk intake).
 */
export async function myApplicantIds(db: Reader, me: MeSession): Promise<string[]> {
  const where =
    me.kind === "phone"
      ? eq(applicants.phoneHash, me.hash)
      : and(inArray(applicants.type, ["person", "enterprise"]), eq(applicants.idHash, me.hash));
  const rows = await db.select({ id: applicants.id }).from(applicants).where(where);
  return rows.map((r) => r.id);
}
