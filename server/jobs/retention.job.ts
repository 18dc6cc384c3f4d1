import "server-only";

import { and, asc, eq, gt, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";

import {
  applicants,
  caseEvents,
  cases,
  hotlineCalls,
  otpCodes,
  outbox,
  ratingStages,
} from "@/db/schema";
import type { Tx } from "@/db/types";

import { audit, SYSTEM } from "../audit/audit.service";
import type { Deps } from "../deps";
import { ERASED } from "../privacy/pii";
import { getSetting } from "../settings/settings.service";

/** Applicants erased per commit: short writes, so citizens' submissions never wait long. */
export const ERASE_PER_COMMIT = 100;

/** The moment `years` calendar years before `now`: what closed at or before it is past retention. */
export function retentionCutoff(now: number, years: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.getTime();
}

/**
 * PII retention (bureau setting `pii.retentionYears`, default 3): an applicant whose every case
 * ended — every rating stage rated, defaulted or never opened, no event since — more than that
 * long ago loses their name, ID number and phone: the sealed values become ERASED, the blind
 * indexes a per-row placeholder (nobody can be found by them any more), the case events' sealed
 * payloads are erased and the SMS and one-time codes sent to that phone before the cutoff deleted.
 * Ratings are not touched — no PII is in them — so statistics and the hash chain stay as they were.
 * An applicant with a case still open, or a recent one, keeps everything until it too is old; a
 * case that never completed (a stage still pending) counts as ended once no event has come for
 * that long. 12345 callers are erased alike, by the time of their call.
 */
export async function erasePastRetention(
  deps: Deps,
  opts: { batch?: number } = {},
): Promise<number> {
  const batch = Math.max(1, opts.batch ?? ERASE_PER_COMMIT);
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, await getSetting(deps, "pii.retentionYears"));
  let erased = 0;
  // keyset over applicants created before the cutoff and not erased (an applicant made later has
  // no case that ended before it); those still kept are passed over, each run walks them once
  let after = { createdAt: -1, id: "" };
  for (;;) {
    const page = await deps.database.db
      .select({ id: applicants.id, createdAt: applicants.createdAt })
      .from(applicants)
      .where(
        and(
          isNull(applicants.erasedAt),
          lte(applicants.createdAt, cutoff),
          or(
            gt(applicants.createdAt, after.createdAt),
            and(eq(applicants.createdAt, after.createdAt), gt(applicants.id, after.id)),
          ),
        ),
      )
      .orderBy(asc(applicants.createdAt), asc(applicants.id))
      .limit(batch);
    if (page.length === 0) break;
    after = page[page.length - 1]!;
    erased += await deps.database.write((tx) =>
      eraseBatch(
        tx,
        page.map((p) => p.id),
        cutoff,
        now,
      ),
    );
    if (page.length < batch) break;
  }
  const callers = await eraseCallers(deps, cutoff, batch);
  if (erased > 0 || callers > 0)
    await audit(deps, SYSTEM, {
      action: "pii.erase",
      detail: { applicants: erased, callers, cutoff: new Date(cutoff).toISOString() },
    });
  return erased + callers;
}

/** 12345 callers whose call is past retention: name and phone erased, a batch a commit. */
async function eraseCallers(deps: Deps, cutoff: number, batch: number): Promise<number> {
  let erased = 0;
  for (;;) {
    const n = await deps.database.write(async (tx) => {
      const due = await tx
        .select({ id: hotlineCalls.id })
        .from(hotlineCalls)
        .where(and(lte(hotlineCalls.occurredAt, cutoff), ne(hotlineCalls.callerPhoneEnc, ERASED)))
        .limit(batch);
      if (due.length === 0) return 0;
      await tx
        .update(hotlineCalls)
        .set({ callerNameEnc: null, callerPhoneEnc: ERASED })
        .where(
          inArray(
            hotlineCalls.id,
            due.map((d) => d.id),
          ),
        );
      return due.length;
    });
    erased += n;
    if (n < batch) return erased;
  }
}

/** Checked again inside the write: an event that arrived meanwhile keeps its applicant. */
async function eraseBatch(tx: Tx, ids: string[], cutoff: number, now: number): Promise<number> {
  const due = await tx
    .select({ id: applicants.id, phoneHash: applicants.phoneHash })
    .from(applicants)
    .where(
      and(
        inArray(applicants.id, ids),
        isNull(applicants.erasedAt),
        sql`exists (select 1 from ${cases} where ${cases.applicantId} = ${applicants.id})`,
        sql`not exists (select 1 from ${cases} where ${cases.applicantId} = ${applicants.id} and (${cases.updatedAt} > ${cutoff}
          or exists (select 1 from ${ratingStages} where ${ratingStages.caseId} = ${cases.id}
            and (${ratingStages.status} = 'open' or ${ratingStages.closesAt} > ${cutoff}))))`,
      ),
    );
  if (due.length === 0) return 0;
  const dueIds = due.map((d) => d.id);
  const phones = due.map((d) => d.phoneHash);
  await tx
    .update(applicants)
    .set({
      piiEnc: ERASED,
      // a row retention reaches before the 0025 step re-sealed it loses its old seals too
      nameEnc: null,
      idNumberEnc: null,
      phoneEnc: null,
      agentNameEnc: null,
      idHash: sql`'erased:' || ${applicants.id}`,
      phoneHash: sql`'erased:' || ${applicants.id}`,
      erasedAt: now,
    })
    .where(inArray(applicants.id, dueIds));
  await tx
    .update(caseEvents)
    .set({ payloadEnc: ERASED })
    .where(
      and(
        inArray(
          caseEvents.caseId,
          tx.select({ id: cases.id }).from(cases).where(inArray(cases.applicantId, dueIds)),
        ),
        sql`${caseEvents.payloadEnc} <> ${ERASED}`,
      ),
    );
  await tx
    .delete(outbox)
    .where(
      and(
        eq(outbox.channel, "sms"),
        inArray(outbox.recipientHash, phones),
        lte(outbox.createdAt, cutoff),
      ),
    );
  await tx
    .delete(otpCodes)
    .where(and(inArray(otpCodes.phoneHash, phones), lte(otpCodes.createdAt, cutoff)));
  return due.length;
}
