import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { catalogVersions, indicatorTags, indicators } from "@/db/schema";
import type { Reader } from "@/db/types";
import { scopedTtlCache } from "../cache";
import { DomainError } from "../errors";

export type Level = "very_satisfied" | "satisfied" | "basic" | "unsatisfied" | "very_unsatisfied";
export interface CatalogueTag {
  code: string;
  level: Level;
  text: string;
  needsText: boolean;
}
export interface CatalogueIndicator {
  code: string;
  grp: "overall" | "business" | "service";
  dimension: string | null;
  name: string;
  tags: CatalogueTag[];
}
export interface Catalogue {
  version: number;
  indicators: CatalogueIndicator[];
}

const cache = scopedTtlCache<Catalogue>(30_000);

/** The active indicator catalogue (SPEC §3), memoised: every rating page and submit reads it. */
export function activeCatalogue(db: Reader): Promise<Catalogue> {
  return cache(db, "active", async () => {
    const [v] = await db.select().from(catalogVersions).where(eq(catalogVersions.active, true));
    if (!v) throw new DomainError("not_found", "no active indicator catalogue");
    const [inds, tags] = await Promise.all([
      db.select().from(indicators).where(eq(indicators.versionId, v.id)).orderBy(asc(indicators.sort)),
      db.select().from(indicatorTags).where(and(eq(indicatorTags.versionId, v.id))).orderBy(asc(indicatorTags.sort)),
    ]);
    return {
      version: v.version,
      indicators: inds.map((i) => ({
        code: i.code,
        grp: i.grp,
        dimension: i.dimension,
        name: i.name,
        tags: tags.filter((t) => t.indicatorCode === i.code).map((t) => ({ code: t.code, level: t.level, text: t.text, needsText: t.needsText })),
      })),
    };
  });
}
