import "server-only";

import { eq } from "drizzle-orm";

import { applicants, cases, items, orgs, staff, windows } from "@/db/schema";

import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { maskName } from "../privacy/mask";
import { codeSubjectOf, issueCode } from "../qr/qr.service";
import type { StaffSession } from "./auth.service";
import { caseForStaff } from "./staff-cases.service";

export interface Receipt {
  orgName: string;
  itemName: string;
  serialNo: string;
  /** 受理时间 (or when it was received) */
  at: number;
  applicant: string;
  windowName: string | null;
  staff: string | null;
  batchSize: number | null;
  themeName: string | null;
  qr: { svg: string; url: string; expiresAt: string };
}

/**
 * 受理回执 with the static code the applicant scans to rate (SPEC §5): it names the batch or the
 * theme when the case is part of one. The applicant's name is masked: receipts get left behind.
 */
export async function receiptFor(
  deps: Deps,
  session: StaffSession,
  serialNo: string,
): Promise<Receipt> {
  const c = await caseForStaff(deps, session, serialNo);
  const db = deps.database.db;
  const [[item], [org], [person], [win], [who]] = await Promise.all([
    db.select({ name: items.name }).from(items).where(eq(items.id, c.itemId)),
    db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, c.orgId)),
    db
      .select({ piiEnc: applicants.piiEnc })
      .from(applicants)
      .where(eq(applicants.id, c.applicantId)),
    c.windowId
      ? db.select({ name: windows.name }).from(windows).where(eq(windows.id, c.windowId))
      : Promise.resolve([]),
    c.staffId
      ? db
          .select({ no: staff.staffNo, name: staff.name })
          .from(staff)
          .where(eq(staff.id, c.staffId))
      : Promise.resolve([]),
  ]);
  const { svg, url, expiresAt } = await issueCode(deps, { ...codeSubjectOf(c), kind: "static" });
  const batch = c.batchNo
    ? await db.select({ id: cases.id }).from(cases).where(eq(cases.batchNo, c.batchNo))
    : null;
  return {
    orgName: org?.name ?? "",
    itemName: item?.name ?? "",
    serialNo: c.serialNo,
    at: c.createdAt,
    applicant: person ? maskName(openApplicantPii(deps.pii, person.piiEnc).name) : "",
    windowName: win?.name ?? null,
    staff: who ? `${who.name}（工号 ${who.no}）` : null,
    batchSize: batch ? batch.length : null,
    themeName: c.themeName,
    qr: { svg, url, expiresAt },
  };
}
