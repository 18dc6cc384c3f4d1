import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { indicatorTags, ratings } from "@/db/schema";
import type { StaffSession } from "../auth/auth.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { serviceLevel, SERVICE_INDICATORS, type Level } from "./rollup.rules";

export interface FeedEntry {
  at: number;
  stage: string;
  source: string;
  /** the service part's level: the lowest of 服务态度 and 服务能力 */
  level: Level;
  scores: { indicatorCode: string; level: Level; tags: string[]; text?: string }[];
}

/**
 * Article 24 / SPEC §9: a staff member's own feed at /staff — the service parts of the ratings of
 * their work, newest first, never another's; no rater identity, and a written reason only when it
 * was given about service (a text on 服务态度 or 服务能力), never the overall's or business text.
 */
export async function myServiceFeed(deps: Deps, session: StaffSession, opts: { before?: number; limit?: number } = {}): Promise<FeedEntry[]> {
  if (!session.staffId) throw new DomainError("forbidden", "只有窗口工作人员有自己的评价记录");
  const db = deps.database.db;
  const rows = await db
    .select({ at: ratings.createdAt, stage: ratings.stage, source: ratings.source, scores: ratings.scores, version: ratings.catalogVersion })
    .from(ratings)
    .where(and(eq(ratings.staffId, session.staffId), opts.before ? lt(ratings.createdAt, opts.before) : undefined))
    .orderBy(desc(ratings.createdAt))
    .limit(Math.min(opts.limit ?? 50, 200));
  const tags = new Map((await db.select({ code: indicatorTags.code, text: indicatorTags.text }).from(indicatorTags)).map((t) => [t.code, t.text]));
  const out: FeedEntry[] = [];
  for (const r of rows) {
    const all = JSON.parse(r.scores) as { indicatorCode: string; level: Level; tagCodes?: string[]; text?: string }[];
    const service = all.filter((s) => (SERVICE_INDICATORS as readonly string[]).includes(s.indicatorCode));
    const level = serviceLevel(service);
    if (!level) continue;
    out.push({
      at: r.at,
      stage: r.stage,
      source: r.source,
      level,
      scores: service.map((s) => ({
        indicatorCode: s.indicatorCode,
        level: s.level,
        tags: (s.tagCodes ?? []).map((c) => tags.get(c) ?? c),
        ...(s.text ? { text: s.text } : {}),
      })),
    });
  }
  return out;
}
