import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import { applicants, cases, feedback, items, orgs } from "@/db/schema";

import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import type { RaterSession } from "../identity/session";
import { newId } from "../ids";
import { enqueue } from "../outbox/outbox.service";
import { maskName, maskPhone } from "../privacy/mask";
import { caseForToken } from "../ratings/ratings.service";

export const ZFeedback = z.object({
  token: z.string().min(10).max(600),
  text: z.string().trim().min(1, "请填写您的意见").max(500, "意见最多 500 字"),
  /** the person agreed that 12345 may call the phone on file to answer */
  contact: z.boolean().default(false),
});
export type TFeedback = z.infer<typeof ZFeedback>;

const TURNED_AWAY = new Set(["receipt_failed", "acceptance_failed"]);

/**
 * 意见反馈 (SPEC §4): a person turned away at receipt or acceptance gets no 好差评 rating (article
 * 18), but may send 12345 an ordinary request, after real name by SMS. It is not a rating: it is
 * written to its own table, which no figure reads, and leaves as webhook `feedback.created`.
 * One per case; a second answers the first.
 */
export async function submitFeedback(
  deps: Deps,
  session: RaterSession,
  input: TFeedback,
): Promise<{ feedbackId: string; replay: boolean }> {
  const { c } = await caseForToken(deps, input.token, { allowExpired: true, allowUsed: true });
  if (c.applicantId !== session.applicantId)
    throw new DomainError("forbidden", "这个办件不是您办理的", { reason: "wrong_person" });
  if (!TURNED_AWAY.has(c.status))
    throw new DomainError("invalid", "只有未能收件或未被受理的办件可以提交意见反馈");
  return deps.database.write(async (tx) => {
    const [first] = await tx
      .select({ id: feedback.id })
      .from(feedback)
      .where(eq(feedback.caseId, c.id));
    if (first) return { feedbackId: first.id, replay: true };
    const now = deps.clock.now();
    const id = newId(now);
    await tx.insert(feedback).values({
      id,
      caseId: c.id,
      applicantId: c.applicantId,
      textEnc: deps.pii.encrypt(JSON.stringify({ text: input.text, contact: input.contact })),
      createdAt: now,
    });
    await enqueue(
      deps,
      tx,
      {
        channel: "hotline",
        dedupeKey: `feedback:${id}`,
        payload: { type: "feedback.created", feedbackId: id },
      },
      now,
    );
    return { feedbackId: id, replay: false };
  });
}

/** Whether this case's applicant already sent 意见反馈 (the page then thanks instead of asking). */
export async function feedbackSent(deps: Deps, caseId: string): Promise<boolean> {
  const [row] = await deps.database.db
    .select({ id: feedback.id })
    .from(feedback)
    .where(eq(feedback.caseId, caseId));
  return Boolean(row);
}

/**
 * The `feedback.created` body 12345 receives: the case, the words, and of the person a masked name
 * — the phone only when they agreed to be called back (article 16).
 */
export async function feedbackBody(deps: Deps, feedbackId: string) {
  const db = deps.database.db;
  const [row] = await db
    .select({
      f: feedback,
      serialNo: cases.serialNo,
      status: cases.status,
      itemCode: items.code,
      itemName: items.name,
      orgCode: orgs.code,
      orgName: orgs.name,
      piiEnc: applicants.piiEnc,
    })
    .from(feedback)
    .innerJoin(cases, eq(cases.id, feedback.caseId))
    .innerJoin(items, eq(items.id, cases.itemId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .innerJoin(applicants, eq(applicants.id, feedback.applicantId))
    .where(eq(feedback.id, feedbackId));
  if (!row) throw new Error(`feedback ${feedbackId} not found`);
  const { text, contact } = JSON.parse(deps.pii.decrypt(row.f.textEnc)) as {
    text: string;
    contact: boolean;
  };
  const { name, phone } = openApplicantPii(deps.pii, row.piiEnc);
  return {
    feedbackId: row.f.id,
    createdAt: new Date(row.f.createdAt).toISOString(),
    text,
    case: {
      serialNo: row.serialNo,
      status: row.status,
      itemCode: row.itemCode,
      itemName: row.itemName,
      orgCode: row.orgCode,
      orgName: row.orgName,
    },
    person: {
      maskedName: maskName(name),
      maskedPhone: maskPhone(phone),
      ...(contact ? { phone } : {}),
    },
  };
}
