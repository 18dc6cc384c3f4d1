import "server-only";
import { eq } from "drizzle-orm";
import { applicants } from "@/db/schema";
import type { Reader } from "@/db/types";
import type { MeSession } from "./me.session";

/**
 * Whose cases a /me session may see: the applicants registered with the proven phone (or ID
 * number), found on the blind index — never anyone else's. Both columns are indexed.
 */
export async function myApplicantIds(db: Reader, me: MeSession): Promise<string[]> {
  const column = me.kind === "phone" ? applicants.phoneHash : applicants.idHash;
  const rows = await db.select({ id: applicants.id }).from(applicants).where(eq(column, me.hash));
  return rows.map((r) => r.id);
}
