import "server-only";

import { eq } from "drizzle-orm";

import { applicants, cases, hotlineCalls, ratings } from "@/db/schema";
import type { Reader } from "@/db/types";

import type { AdminCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";

/** The rater's name and phone, unsealed: of the case's applicant, or of a 12345 caller. */
export async function raterOf(
  deps: Deps,
  db: Reader,
  r: { caseId: string | null; ratingId: string },
): Promise<{ name: string | null; phone: string | null }> {
  if (r.caseId) {
    const [a] = await db
      .select({ piiEnc: applicants.piiEnc })
      .from(cases)
      .innerJoin(applicants, eq(applicants.id, cases.applicantId))
      .where(eq(cases.id, r.caseId));
    const pii = a ? openApplicantPii(deps.pii, a.piiEnc) : null;
    return { name: pii?.name ?? null, phone: pii?.phone ?? null };
  }
  const [call] = await db
    .select({ n: hotlineCalls.callerNameEnc, p: hotlineCalls.callerPhoneEnc })
    .from(ratings)
    .innerJoin(hotlineCalls, eq(hotlineCalls.callId, ratings.callId))
    .where(eq(ratings.id, r.ratingId));
  return {
    name: call?.n ? deps.pii.decrypt(call.n) : null,
    phone: call ? deps.pii.decrypt(call.p) : null,
  };
}

/**
 * 查看完整信息 (article 16): the rater's name and phone for the org's own revisit, unmasked only
 * with a reason, which the audit record keeps with who asked — on a work order or on a rating.
 * The caller has found the record in the account's scope.
 */
export async function revealRater(
  { deps, actor }: Pick<AdminCtx, "deps" | "actor">,
  target: {
    kind: "work_order" | "rating";
    id: string;
    orgId: string | null;
    caseId: string | null;
    ratingId: string;
  },
  reason: string,
): Promise<{ name: string | null; phone: string | null }> {
  const rater = await raterOf(deps, deps.database.db, target);
  await audit(deps, actor, {
    action: "pii.reveal",
    target: `${target.kind}:${target.id}`,
    orgId: target.orgId,
    reason,
  });
  return rater;
}
