import "server-only";

import { and, desc, eq, gte, inArray, lt, ne, type SQL, sql } from "drizzle-orm";

import {
  appealDecisions,
  appendedRatings,
  applicants,
  cases,
  hotlineCalls,
  items,
  orgs,
  ratingOrgs,
  ratings,
  staff,
  windows,
  workOrders,
} from "@/db/schema";

import type { AdminCtx } from "../access/admin-ctx";
import { orgSubtree, type Scope } from "../access/scope";
import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { maskName } from "../privacy/mask";
import { parseScores } from "../ratings/scores";
import {
  type Level,
  LEVELS,
  ratingLevel,
  SERVICE_INDICATORS,
  serviceLevel,
} from "../ratings/vocabulary";
import { DAY, shanghaiMidnight } from "../time/shanghai";
import {
  ratingCursor,
  type TRatingPage,
  type TRatingQuery,
  type TRatingRow,
} from "./ratingdesk.schema";

const NOTHING = sql`0`;
const svcCodes = sql.join(
  SERVICE_INDICATORS.map((c) => sql`${c}`),
  sql`, `,
);
const levelsIn = (ls: readonly Level[]) =>
  sql.join(
    ls.map((l) => sql`${l}`),
    sql`, `,
  );
/** the service part (服务态度, 服务能力) rated at this level or worse */
const serviceAtLeast = (ls: readonly Level[]) =>
  sql`exists (select 1 from json_each(${ratings.scores}) j where json_extract(j.value, '$.indicatorCode') in (${svcCodes}) and json_extract(j.value, '$.level') in (${levelsIn(ls)}))`;

/** it has a 追加评价 beside it */
const APPENDED = sql`exists (select 1 from ${appendedRatings} where ${appendedRatings.ratingId} = ${ratings.id})`;
/** its service part is 不予采纳 (an adopted appeal) */
const ADOPTED = sql`exists (select 1 from ${appealDecisions} where ${appealDecisions.ratingId} = ${ratings.id} and ${appealDecisions.outcome} = 'adopted')`;

/**
 * The item filter is a condition on the rating's case, written so that SQLite keeps the list's own
 * order the outer loop: a plain `cases.item_id = ?` turns the LEFT JOIN into an inner one, and the
 * planner then scans every case of the item and sorts all their ratings. Through coalesce it walks
 * (created_at, id) newest first and stops after a page.
 */
const ofCase = (column: typeof cases.itemId) => sql<string>`coalesce(${column}, '')`;

/** A code's row id in one of the catalogue tables, or null: an unknown code matches nothing. */
async function idOf(
  deps: Deps,
  table: typeof items | typeof windows | typeof orgs,
  codeColumn: typeof items.code | typeof windows.code | typeof orgs.code,
  code: string,
) {
  const [row] = await deps.database.db
    .select({ id: table.id })
    .from(table)
    .where(eq(codeColumn, code));
  return row?.id ?? null;
}

/**
 * The orgs whose ratings 评价记录 may list: null for all (the bureau, no 单位 filter), else the scope
 * narrowed by the 单位 filter's subtree — empty when that org does not exist or is outside the scope.
 */
async function orgsOf(deps: Deps, scope: Scope, q: TRatingQuery): Promise<string[] | null> {
  const inScope = scope.all ? null : scope.orgIds;
  if (!q.org) return inScope;
  const id = await idOf(deps, orgs, orgs.code, q.org);
  const subtree = id ? await orgSubtree(deps.database.db, id) : [];
  return inScope ? subtree.filter((o) => inScope.includes(o)) : subtree;
}

/**
 * The list's order and the columns it is keyed on. Over orgs, rating_orgs leads: its
 * rating_orgs_list_idx gives (created_at, rating_id) newest first with the org beside them, so the
 * scope is checked in the index and a rating is read only when it is on the page. Otherwise the
 * ratings' own ratings_created_id_idx (or a filter's own index: staff, window, case).
 */
function keyOf(byOrg: boolean) {
  return byOrg
    ? { at: ratingOrgs.createdAt, id: ratingOrgs.ratingId }
    : { at: ratings.createdAt, id: ratings.id };
}

/**
 * The WHERE of 评价记录 (SPEC §7): the scope (an org admin sees the ratings of their orgs' cases; a
 * 12345 call has no case, so only the bureau sees it), then each filter. A filter naming something
 * that does not exist, or an org outside the scope, matches nothing rather than everything.
 * `orgIds` (from orgsOf) non-null means the query joins rating_orgs (see listRatings).
 */
export async function ratingWhere(
  deps: Deps,
  orgIds: string[] | null,
  q: TRatingQuery,
): Promise<(SQL | undefined)[]> {
  const db = deps.database.db;
  const key = keyOf(orgIds !== null);
  const where: (SQL | undefined)[] = [];
  if (orgIds) where.push(orgIds.length ? inArray(ratingOrgs.orgId, orgIds) : NOTHING);
  if (q.item)
    where.push(eq(ofCase(cases.itemId), (await idOf(deps, items, items.code, q.item)) ?? ""));
  if (q.window)
    where.push(eq(ratings.windowId, (await idOf(deps, windows, windows.code, q.window)) ?? ""));
  if (q.staff) {
    const [s] = await db.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, q.staff));
    where.push(eq(ratings.staffId, s?.id ?? ""));
  }
  if (q.serial) {
    const found = await db.select({ id: cases.id }).from(cases).where(eq(cases.serialNo, q.serial));
    where.push(
      found.length
        ? inArray(
            ratings.caseId,
            found.map((c) => c.id),
          )
        : NOTHING,
    );
  }
  if (q.from) where.push(gte(key.at, shanghaiMidnight(q.from)));
  if (q.to) where.push(lt(key.at, shanghaiMidnight(q.to) + DAY));
  if (q.channel) where.push(eq(ratings.channel, q.channel));
  if (q.level) where.push(eq(ratings.overallLevel, q.level));
  if (q.service) {
    const at = LEVELS.indexOf(q.service);
    where.push(serviceAtLeast([q.service]));
    if (at < LEVELS.length - 1) where.push(sql`not ${serviceAtLeast(LEVELS.slice(at + 1))}`);
  }
  if (q.defaulted)
    where.push(
      q.defaulted === "yes" ? eq(ratings.source, "default") : ne(ratings.source, "default"),
    );
  if (q.appended) where.push(q.appended === "yes" ? APPENDED : sql`not ${APPENDED}`);
  if (q.notAdopted) where.push(q.notAdopted === "yes" ? ADOPTED : sql`not ${ADOPTED}`);
  if (q.after) {
    const [at, id] = q.after;
    where.push(sql`(${key.at}, ${key.id}) < (${at}, ${id})`);
  }
  return where;
}

/**
 * 评价记录 (SPEC §7 `/admin/ratings`): the ratings of my scope, newest first, keyset-paged on
 * (created_at, id) — for an org admin or a 单位 filter rating_orgs_list_idx, for the bureau
 * ratings_created_id_idx, or a filter's own (staff, window, case).
 * Each row names the case, item, window and staff; the rater only masked.
 */
export async function listRatings(
  { deps, scope }: Pick<AdminCtx, "deps" | "scope">,
  q: TRatingQuery,
): Promise<TRatingPage> {
  const orgIds = await orgsOf(deps, scope, q);
  const where = await ratingWhere(deps, orgIds, q);
  const key = keyOf(orgIds !== null);
  const query = deps.database.db
    .select({
      id: ratings.id,
      createdAt: ratings.createdAt,
      stage: ratings.stage,
      channel: ratings.channel,
      source: ratings.source,
      overall: ratings.overallLevel,
      scores: ratings.scores,
      callId: ratings.callId,
      serialNo: cases.serialNo,
      itemName: items.name,
      orgName: orgs.name,
      windowCode: windows.code,
      staffName: staff.name,
      applicantId: applicants.id,
      piiEnc: applicants.piiEnc,
      callerEnc: hotlineCalls.callerNameEnc,
      workOrderId: workOrders.id,
      workOrderBasis: workOrders.basis,
      appended: sql<number>`${APPENDED}`,
      notAdopted: sql<number>`${ADOPTED}`,
    })
    .from(ratings)
    .$dynamic();
  const rows = await (
    orgIds ? query.innerJoin(ratingOrgs, eq(ratingOrgs.ratingId, ratings.id)) : query
  )
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .leftJoin(orgs, eq(orgs.id, cases.orgId))
    .leftJoin(windows, eq(windows.id, ratings.windowId))
    .leftJoin(staff, eq(staff.id, ratings.staffId))
    .leftJoin(applicants, eq(applicants.id, ratings.applicantId))
    .leftJoin(hotlineCalls, eq(hotlineCalls.callId, ratings.callId))
    .leftJoin(workOrders, eq(workOrders.ratingId, ratings.id))
    .where(and(...where))
    .orderBy(desc(key.at), desc(key.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit).map((r): TRatingRow => {
    const scores = parseScores(r.scores);
    return {
      id: r.id,
      createdAt: r.createdAt,
      stage: r.stage,
      channel: r.channel,
      source: r.source,
      serialNo: r.serialNo,
      callId: r.callId,
      itemName: r.itemName,
      orgName: r.orgName,
      windowCode: r.windowCode,
      staffName: r.staffName,
      level: ratingLevel(r.overall, scores),
      serviceLevel: serviceLevel(scores),
      appended: Boolean(r.appended),
      notAdopted: Boolean(r.notAdopted),
      workOrderId: r.workOrderId,
      workOrderBasis: r.workOrderBasis,
      rater: r.applicantId
        ? maskName(openApplicantPii(deps.pii, r.piiEnc).name)
        : r.callerEnc
          ? maskName(deps.pii.decrypt(r.callerEnc))
          : null,
    };
  });
  const last = rows.length > q.limit ? rows[q.limit - 1] : undefined;
  return { rows: page, next: last ? ratingCursor(last) : null };
}
