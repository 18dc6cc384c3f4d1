import "server-only";

import { desc, eq } from "drizzle-orm";

import { orgs, statsPublications } from "@/db/schema";

import type { ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { ALL, statsFor } from "../stats/stats.service";
import { shanghaiDate } from "../time/shanghai";
import { monthRange, publicRow, sealSnapshot } from "./publication.rules";
import type { TPublicResults, TPublicRow } from "./publication.schema";

/**
 * Article 23 publication (SPEC §9): the bureau freezes a month's figures by org as canonical JSON
 * with its SHA-256. A later rating or appeal never changes a snapshot; publishing again adds a
 * version. Only org rows: the 12345 line (no org) and every person stay out.
 */
export async function publishMonth(
  { deps, actor }: ActorCtx,
  period: string,
): Promise<{ period: string; version: number; hash: string; publishedAt: string }> {
  const now = deps.clock.now();
  const { from, to } = monthRange(period);
  if (from > shanghaiDate(now))
    throw new DomainError("invalid", `统计期 ${period} 还没有开始，不能发布`);
  const figures = await statsFor({ deps, scope: ALL }, { from, to, groupBy: "org" });
  const rows = figures.rows.filter((r) => r.key !== "12345").map(publicRow);
  return deps.database.write(async (tx) => {
    const [last] = await tx
      .select({ version: statsPublications.version })
      .from(statsPublications)
      .where(eq(statsPublications.period, period))
      .orderBy(desc(statsPublications.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    const publishedAt = new Date(now).toISOString();
    const { json, hash } = sealSnapshot({ period, version, publishedAt, rows });
    await tx.insert(statsPublications).values({
      id: newId(now),
      period,
      version,
      body: json,
      hash,
      publishedAt: now,
      publishedBy: actor.id,
    });
    await audit(
      deps,
      actor,
      {
        action: "stats.publish",
        target: `publication:${period}#${version}`,
        detail: { period, version, hash },
      },
      tx,
    );
    return { period, version, hash, publishedAt };
  });
}

/** SPEC §6 `GET /api/public/results?period=`: the latest version, and the earlier ones listed; 404 when unpublished. */
export async function publicResults(deps: Deps, period: string): Promise<TPublicResults> {
  const versions = await deps.database.db
    .select()
    .from(statsPublications)
    .where(eq(statsPublications.period, period))
    .orderBy(desc(statsPublications.version));
  const latest = versions[0];
  if (!latest) throw new DomainError("not_found", `统计期 ${period} 还没有发布`);
  const body = JSON.parse(latest.body) as { rows: TPublicRow[] };
  return {
    period,
    version: latest.version,
    publishedAt: new Date(latest.publishedAt).toISOString(),
    hash: latest.hash,
    rows: body.rows,
    versions: versions.map((v) => ({
      version: v.version,
      publishedAt: new Date(v.publishedAt).toISOString(),
      hash: v.hash,
    })),
  };
}

/** The published months, newest first (the /public page's period list). */
export async function publishedPeriods(deps: Deps): Promise<string[]> {
  const rows = await deps.database.db
    .selectDistinct({ period: statsPublications.period })
    .from(statsPublications)
    .orderBy(desc(statsPublications.period));
  return rows.map((r) => r.period);
}

/** Org names in the three languages, by code (the published rows carry the Chinese). */
export async function orgNames(
  deps: Deps,
): Promise<Map<string, { zh: string; hant: string | null; en: string | null }>> {
  const rows = await deps.database.db
    .select({ code: orgs.code, zh: orgs.name, hant: orgs.nameHant, en: orgs.nameEn })
    .from(orgs);
  return new Map(rows.map((r) => [r.code, r]));
}
