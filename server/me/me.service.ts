import "server-only";

import { and, desc, eq, inArray } from "drizzle-orm";

import { cases, items, orgs, ratings, ratingStages, workOrders } from "@/db/schema";

import { type Locale, nameIn } from "../catalog/locale";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import type { RaterSession } from "../identity/session";
import { maskInText } from "../privacy/mask";
import { codeSubjectOf, mintCode } from "../qr/qr.service";
import { appendedOfRatings } from "../ratings/appended.service";
import { isRateable } from "../ratings/ratings.rules";
import { parseScores } from "../ratings/scores";
import { type FixLevel, type Level, ratingLevel } from "../ratings/vocabulary";
import { raterTimeline, type RaterTimelineEntry, workOrderEvents } from "../workorders/timeline";
import { isOverdue, type WorkOrderStatus } from "../workorders/workorders.rules";
import { myApplicantIds } from "./me.scope";
import type { MeSession } from "./me.session";

/** The newest cases a list shows; older ones have long closed windows and closed orders. */
const LIST_LIMIT = 100;

export interface MyCases {
  /** the proven phone or ID number, masked: 139****1234 */
  masked: string;
  /** 待评价: open stages, each to its rating page (a batch or theme once) */
  toRate: {
    serialNo: string;
    itemName: string;
    orgName: string;
    stage: "receipt" | "completion";
    closesAt: number;
  }[];
  /** 已评价: my ratings, each with its 追加评价 or the chance to add one */
  rated: {
    ratingId: string;
    serialNo: string;
    itemName: string;
    stage: "receipt" | "completion";
    level: Level;
    createdAt: number;
    appended: { level: Level | null; text: string; createdAt: number } | null;
  }[];
  /** 我的差评: each work order's timeline and, once closed, 评价整改结果 */
  workOrders: {
    id: string;
    serialNo: string;
    itemName: string;
    status: WorkOrderStatus;
    dueAt: number;
    overdue: boolean;
    timeline: RaterTimelineEntry[];
    fix: FixLevel | null;
    canRateFix: boolean;
  }[];
}

/** Everything /me lists for a session: the cases of the applicants with the proven phone or ID number, never more. */
export async function myCases(deps: Deps, me: MeSession, locale: Locale): Promise<MyCases> {
  const db = deps.database.db;
  const ids = await myApplicantIds(db, me);
  const empty: MyCases = { masked: me.masked, toRate: [], rated: [], workOrders: [] };
  if (ids.length === 0) return empty;
  const mine = await db
    .select({
      id: cases.id,
      serialNo: cases.serialNo,
      batchNo: cases.batchNo,
      themeNo: cases.themeNo,
      item: items.name,
      itemHant: items.nameHant,
      itemEn: items.nameEn,
      org: orgs.name,
      orgHant: orgs.nameHant,
      orgEn: orgs.nameEn,
    })
    .from(cases)
    .innerJoin(items, eq(items.id, cases.itemId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .where(inArray(cases.applicantId, ids))
    .orderBy(desc(cases.createdAt))
    .limit(LIST_LIMIT);
  if (mine.length === 0) return empty;
  const caseIds = mine.map((c) => c.id);
  const byId = new Map(mine.map((c) => [c.id, c]));
  const itemName = (c: (typeof mine)[number]) =>
    nameIn(locale, { zh: c.item, hant: c.itemHant, en: c.itemEn });
  const [stages, rows] = await Promise.all([
    db.select().from(ratingStages).where(inArray(ratingStages.caseId, caseIds)),
    db
      .select({
        id: ratings.id,
        caseId: ratings.caseId,
        stage: ratings.stage,
        overallLevel: ratings.overallLevel,
        scores: ratings.scores,
        createdAt: ratings.createdAt,
      })
      .from(ratings)
      .where(
        and(
          inArray(ratings.caseId, caseIds),
          eq(ratings.source, "rater"),
          inArray(ratings.applicantId, ids),
        ),
      )
      .orderBy(desc(ratings.createdAt)),
  ]);
  const now = deps.clock.now();
  const subjects = new Set<string>();
  const toRate: MyCases["toRate"] = [];
  for (const s of stages
    .filter((x) => isRateable(x, now))
    .sort((a, b) => (a.closesAt ?? 0) - (b.closesAt ?? 0))) {
    const c = byId.get(s.caseId)!;
    const subject = JSON.stringify([codeSubjectOf(c), s.stage]);
    if (subjects.has(subject)) continue;
    subjects.add(subject);
    toRate.push({
      serialNo: c.serialNo,
      itemName: itemName(c),
      orgName: nameIn(locale, { zh: c.org, hant: c.orgHant, en: c.orgEn }),
      stage: s.stage,
      closesAt: s.closesAt!,
    });
  }
  const ratingIds = rows.map((r) => r.id);
  const [appended, orders] = await Promise.all([
    appendedOfRatings(db, ratingIds),
    ratingIds.length
      ? db
          .select()
          .from(workOrders)
          .where(inArray(workOrders.ratingId, ratingIds))
          .orderBy(desc(workOrders.createdAt))
      : Promise.resolve([]),
  ]);
  const events = await workOrderEvents(
    db,
    orders.map((o) => o.id),
  );
  const rated: MyCases["rated"] = rows.flatMap((r) => {
    const c = r.caseId ? byId.get(r.caseId) : undefined;
    if (!c || r.stage === "call") return [];
    const a = appended.get(r.id);
    return [
      {
        ratingId: r.id,
        serialNo: c.serialNo,
        itemName: itemName(c),
        stage: r.stage,
        // a rating gives one level at least: never null here
        level: ratingLevel(r.overallLevel, parseScores(r.scores)) ?? "very_satisfied",
        createdAt: r.createdAt,
        appended: a ? { level: a.level, text: a.text, createdAt: a.createdAt } : null,
      },
    ];
  });
  const workOrderList: MyCases["workOrders"] = orders.map((o) => {
    const c = byId.get(o.caseId ?? "")!;
    // 12345's words may name people: masked like everything else on the page
    const timeline = raterTimeline(events.get(o.id) ?? []).map((e) => {
      if (e.kind === "result") return { ...e, text: maskInText(e.text) };
      if (e.kind === "desk")
        return {
          ...e,
          visitText: e.visitText && maskInText(e.visitText),
          measures: e.measures && maskInText(e.measures),
        };
      return e;
    });
    const fix = timeline.find((e) => e.kind === "fix_rated");
    return {
      id: o.id,
      serialNo: c.serialNo,
      itemName: itemName(c),
      status: o.status,
      dueAt: o.dueAt,
      overdue: isOverdue(o, now),
      timeline,
      fix: fix?.kind === "fix_rated" ? fix.level : null,
      canRateFix: o.status === "closed" && !fix,
    };
  });
  return { masked: me.masked, toRate, rated, workOrders: workOrderList };
}

/**
 * 待评价 → the rating page: a static code for the case (its batch or theme), and a real-name
 * session for its applicant, since the /me session already proved their phone or ID number.
 * A case of anyone else is not found.
 */
export async function rateLink(
  deps: Deps,
  me: MeSession,
  serialNo: string,
): Promise<{ path: string; session: RaterSession }> {
  const db = deps.database.db;
  const ids = await myApplicantIds(db, me);
  const [c] = await db
    .select({
      serialNo: cases.serialNo,
      batchNo: cases.batchNo,
      themeNo: cases.themeNo,
      applicantId: cases.applicantId,
    })
    .from(cases)
    .where(eq(cases.serialNo, serialNo));
  if (!c || !ids.includes(c.applicantId)) throw new DomainError("not_found", "找不到这个办件");
  const code = await mintCode(deps, { ...codeSubjectOf(c), kind: "static" });
  return {
    path: `/r/${code.token}`,
    session: { applicantId: c.applicantId, proof: me.kind === "phone" ? "otp" : "oidc" },
  };
}
