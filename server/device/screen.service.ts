import "server-only";

import { and, desc, eq, gt, inArray } from "drizzle-orm";

import { cases, items, orgs, ratings, ratingStages, staff, terminals, windows } from "@/db/schema";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { type CodeSubject, codeSubjectOf, issueCode, mintCode } from "../qr/qr.service";
import { isRateable } from "../ratings/ratings.rules";
import type { DeviceSession } from "./device.service";

/** What a window screen or terminal shows of a case: article 14's item, serial number and 工号 — no applicant data. */
export interface DeviceCase {
  serialNo: string;
  itemName: string;
  orgName: string;
  stage: "receipt" | "completion";
  staffNo: string | null;
  staffName: string | null;
  terminalCode: string | null;
  /** how many cases one rating covers (a batch, article 20), 1 otherwise */
  count: number;
  /** what a code for this case names */
  subject: CodeSubject;
}

/** How far back a device looks for its current case: a screen is about the applicant standing there now. */
const RECENT_CASES = 20;

/**
 * The device's current case (SPEC §7): the most recently updated case at that window or
 * terminal with a stage open for rating now.
 */
export async function currentCase(deps: Deps, device: DeviceSession): Promise<DeviceCase | null> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const at =
    device.kind === "window" ? eq(cases.windowId, device.id) : eq(cases.terminalId, device.id);
  const recent = await db
    .select({
      id: cases.id,
      serialNo: cases.serialNo,
      batchNo: cases.batchNo,
      themeNo: cases.themeNo,
      itemName: items.name,
      orgName: orgs.name,
      terminalCode: terminals.code,
    })
    .from(cases)
    .innerJoin(items, eq(items.id, cases.itemId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .leftJoin(terminals, eq(terminals.id, cases.terminalId))
    .where(at)
    .orderBy(desc(cases.updatedAt))
    .limit(RECENT_CASES);
  if (!recent.length) return null;
  const stages = await db
    .select({
      caseId: ratingStages.caseId,
      stage: ratingStages.stage,
      status: ratingStages.status,
      closesAt: ratingStages.closesAt,
      staffNo: staff.staffNo,
      staffName: staff.name,
    })
    .from(ratingStages)
    .leftJoin(staff, eq(staff.id, ratingStages.staffId))
    .where(
      inArray(
        ratingStages.caseId,
        recent.map((r) => r.id),
      ),
    );
  const isOpen = (s: (typeof stages)[number] | undefined) => isRateable(s, now);
  for (const c of recent) {
    const completion = stages.find((s) => s.caseId === c.id && s.stage === "completion");
    const receipt = stages.find((s) => s.caseId === c.id && s.stage === "receipt");
    // the completion is what the applicant came for; once it is rated they have left, so a receipt stage still open is the phone's to rate
    const stage = isOpen(completion)
      ? completion
      : isOpen(receipt) && completion?.status !== "rated"
        ? receipt
        : undefined;
    if (!stage) continue;
    const count = c.batchNo
      ? (await db.select({ id: cases.id }).from(cases).where(eq(cases.batchNo, c.batchNo))).length
      : 1;
    return {
      serialNo: c.serialNo,
      itemName: c.itemName,
      orgName: c.orgName,
      stage: stage.stage,
      staffNo: stage.staffNo,
      staffName: stage.staffName,
      terminalCode: c.terminalCode,
      count,
      subject: codeSubjectOf(c),
    };
  }
  return null;
}

/** Whether the stage a screen showed has been rated since (on the screen or on a phone): the screen then says thanks. */
export async function wasRated(
  deps: Deps,
  shown: { serialNo: string; stage: "receipt" | "completion" },
): Promise<boolean> {
  const [row] = await deps.database.db
    .select({ status: ratingStages.status })
    .from(ratingStages)
    .innerJoin(cases, eq(cases.id, ratingStages.caseId))
    .where(and(eq(cases.serialNo, shown.serialNo), eq(ratingStages.stage, shown.stage)));
  return row?.status === "rated";
}

/** Whether the device's latest case was rated in the last `withinMs` (a terminal then says thanks before going idle). */
export async function ratedJustNow(
  deps: Deps,
  device: DeviceSession,
  withinMs: number,
): Promise<boolean> {
  const at =
    device.kind === "window" ? eq(cases.windowId, device.id) : eq(cases.terminalId, device.id);
  const [row] = await deps.database.db
    .select({ id: ratings.id })
    .from(ratings)
    .innerJoin(cases, eq(cases.id, ratings.caseId))
    .where(and(at, eq(ratings.source, "rater"), gt(ratings.createdAt, deps.clock.now() - withinMs)))
    .limit(1);
  return row !== undefined;
}

/** A fresh live code for the case the screen shows, only while it is still the window's current case. */
export async function windowCode(deps: Deps, device: DeviceSession, serialNo: string) {
  const current = await currentCase(deps, device);
  if (device.kind !== "window" || current?.serialNo !== serialNo)
    throw new DomainError("gone", "这个办件已不是本窗口的当前办件");
  return windowCodeFor(deps, device, current);
}

/** The window screen's live code: dynamic, single-use, naming window and staff; it proves the applicant the window checked. */
export async function windowCodeFor(deps: Deps, device: DeviceSession, current: DeviceCase) {
  const { token, svg, expiresAt } = await issueCode(
    deps,
    {
      ...current.subject,
      kind: "dynamic",
      windowCode: device.code,
      ...(current.staffNo ? { staffNo: current.staffNo } : {}),
    },
    { byScreen: true },
  );
  return { token, svg, expiresAt: Date.parse(expiresAt) };
}

/** The name on the window or terminal, for its screen's title. */
export async function deviceName(deps: Deps, device: DeviceSession): Promise<string> {
  const table = device.kind === "window" ? windows : terminals;
  const [row] = await deps.database.db
    .select({ name: table.name })
    .from(table)
    .where(eq(table.id, device.id));
  return row?.name ?? device.code;
}

/** The terminal's code for its current case: never printed or shown, it only names the case to the form. */
export async function terminalToken(deps: Deps, current: DeviceCase): Promise<string> {
  return (await mintCode(deps, { ...current.subject, kind: "static" })).token;
}
