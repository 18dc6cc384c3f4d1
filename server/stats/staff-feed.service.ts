import "server-only";

import { and, desc, eq, lt, or, sql } from "drizzle-orm";

import { appealDecisions, indicatorTags, ratings, staff } from "@/db/schema";

import type { StaffSession } from "../auth/auth.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { parseScores } from "../ratings/scores";
import { isServiceIndicator, type Level, serviceLevel } from "../ratings/vocabulary";
import { shanghaiDate } from "../time/shanghai";
import { emptyAcc, toRow } from "./stats.rules";
import { ALL, statsFor } from "./stats.service";

export interface FeedEntry {
  /** YYYY-MM-DD (Asia/Shanghai): the day only — with the hour, a staff member could tell who rated (article 16) */
  day: string;
  stage: string;
  source: string;
  /** the service part's level: the lowest of 服务态度 and 服务能力 */
  level: Level;
  /** article 22: the service part was marked 不予采纳 on appeal (it no longer counts in my figures) */
  notAdopted: boolean;
  scores: { indicatorCode: string; level: Level; tags: string[]; text?: string }[];
}

export interface FeedPage {
  entries: FeedEntry[];
  /** the `before` of the next page, opaque (sealed keyset: the last row's time and chain position), null at the end */
  more: string | null;
}

/** An opaque page key as the page sends it back: sealed, so the URL never carries a rating's time. */
export const FEED_CURSOR = /^[A-Za-z0-9_-]{20,200}$/;
const KEYSET = /^(\d{1,15})-(\d{1,15})$/;

/** The keyset "<createdAt>-<seq>" (one batch's ratings share their time; the chain position breaks the tie), sealed. */
const sealCursor = (deps: Deps, at: number, seq: number) =>
  Buffer.from(deps.pii.encrypt(`${at}-${seq}`)).toString("base64url");

function openCursor(deps: Deps, before: string): [number, number] {
  let plain = "";
  try {
    plain = deps.pii.decrypt(Buffer.from(before, "base64url").toString());
  } catch {
    // falls through: not a key this server sealed
  }
  const m = KEYSET.exec(plain);
  if (!m) throw new DomainError("bad_request", "before: not a page key from the previous page");
  return [Number(m[1]), Number(m[2])];
}

function own(session: StaffSession): string {
  if (!session.staffId) throw new DomainError("forbidden", "只有窗口工作人员有自己的评价记录");
  return session.staffId;
}

/**
 * Article 24 / SPEC §9: a staff member's own feed at /staff — the service parts of the ratings of
 * their work, newest first, never another's; no rater identity, and a written reason only when it
 * was given about service (a text on 服务态度 or 服务能力), never the overall's or business text.
 * One range of the (staff_id, created_at) index per page.
 */
export async function myServiceFeed(
  deps: Deps,
  session: StaffSession,
  opts: { before?: string; limit?: number } = {},
): Promise<FeedPage> {
  const staffId = own(session);
  const db = deps.database.db;
  const cursor = opts.before ? openCursor(deps, opts.before) : null;
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 100));
  const [at, seq] = cursor ?? [0, 0];
  const rows = await db
    .select({
      at: ratings.createdAt,
      seq: ratings.seq,
      stage: ratings.stage,
      source: ratings.source,
      scores: ratings.scores,
      // qualified by hand: drizzle writes a lone column unqualified, which inside the subquery means d.id
      notAdopted: sql<number>`exists (select 1 from ${appealDecisions} d where d.rating_id = "ratings"."id" and d.outcome = 'adopted')`,
    })
    .from(ratings)
    .where(
      and(
        eq(ratings.staffId, staffId),
        // a page of rows that rated service (the JS below decides exactly; this keeps pages full)
        sql`instr(${ratings.scores}, '"svc.') > 0`,
        cursor
          ? or(lt(ratings.createdAt, at), and(eq(ratings.createdAt, at), lt(ratings.seq, seq)))
          : undefined,
      ),
    )
    .orderBy(desc(ratings.createdAt), desc(ratings.seq))
    .limit(limit + 1);
  const tags = new Map(
    (
      await db.select({ code: indicatorTags.code, text: indicatorTags.text }).from(indicatorTags)
    ).map((t) => [t.code, t.text]),
  );
  const entries: FeedEntry[] = [];
  for (const r of rows.slice(0, limit)) {
    const service = parseScores(r.scores).filter((s) => isServiceIndicator(s.indicatorCode));
    const level = serviceLevel(service);
    if (!level) continue;
    entries.push({
      day: shanghaiDate(r.at),
      stage: r.stage,
      source: r.source,
      level,
      notAdopted: Boolean(r.notAdopted),
      scores: service.map((s) => ({
        indicatorCode: s.indicatorCode,
        level: s.level,
        tags: s.tagCodes.map((c) => tags.get(c) ?? c),
        ...(s.text ? { text: s.text } : {}),
      })),
    });
  }
  const last = rows[limit - 1];
  return {
    entries,
    more: rows.length > limit && last ? sealCursor(deps, last.at, last.seq) : null,
  };
}

export interface MonthSummary {
  /** YYYY-MM, Asia/Shanghai */
  month: string;
  ratings: number;
  defaults: number;
  notAdopted: number;
  /** SPEC §9 goodRate over my service parts: (非常满意 + 满意 + 基本满意) ÷ ratings; null with none */
  goodRate: number | null;
  average: number | null;
}

/**
 * This month's figures of my service parts: my row of /admin/stats by staff, from the one
 * statistics module (SPEC §9's definitions; defaults included, 不予采纳 apart).
 */
export async function myMonthSummary(deps: Deps, session: StaffSession): Promise<MonthSummary> {
  const staffId = own(session);
  const today = shanghaiDate(deps.clock.now());
  const [[me], answer] = await Promise.all([
    deps.database.db.select({ staffNo: staff.staffNo }).from(staff).where(eq(staff.id, staffId)),
    statsFor({ deps, scope: ALL }, { from: `${today.slice(0, 8)}01`, to: today, groupBy: "staff" }),
  ]);
  const row = answer.rows.find((r) => r.key === me?.staffNo) ?? toRow("", "", emptyAcc());
  return {
    month: today.slice(0, 7),
    ratings: row.ratings,
    defaults: row.defaults,
    notAdopted: row.notAdopted,
    goodRate: row.goodRate,
    average: row.average,
  };
}
