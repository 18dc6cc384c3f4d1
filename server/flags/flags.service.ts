import "server-only";

import { and, desc, eq, isNotNull, isNull, lt, or, type SQL } from "drizzle-orm";
import { z } from "zod";

import { coercionFlags, orgs, windows } from "@/db/schema";

import type { AdminCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { DomainError } from "../errors";

export const ZListFlags = z.object({
  reviewed: z.boolean().optional(),
  kind: z.enum(["device", "window_fast"]).optional(),
  before: z.object({ detectedAt: z.number().int(), id: z.string().max(64) }).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const ZReviewFlag = z.object({
  id: z.string().min(1).max(64),
  note: z
    .string()
    .trim()
    .min(2, "核查说明：请写明核查情况")
    .max(2000, "核查说明：不能超过 2000 个字"),
});

export interface FlagEvidence {
  ratings: {
    ratingId: string;
    serialNo: string | null;
    ratedAt: number;
    completedAt?: number | null;
    seconds?: number;
    applicant?: string;
  }[];
  [k: string]: unknown;
}

/** Article 4 flags for the bureau, unreviewed first, newest first; the evidence names cases and times, never a rater. */
export async function listFlags(deps: Deps, q: z.output<typeof ZListFlags>) {
  const conds: (SQL | undefined)[] = [];
  if (q.reviewed === true) conds.push(isNotNull(coercionFlags.reviewedAt));
  if (q.reviewed === false) conds.push(isNull(coercionFlags.reviewedAt));
  if (q.kind) conds.push(eq(coercionFlags.kind, q.kind));
  if (q.before)
    conds.push(
      or(
        lt(coercionFlags.detectedAt, q.before.detectedAt),
        and(eq(coercionFlags.detectedAt, q.before.detectedAt), lt(coercionFlags.id, q.before.id)),
      ),
    );
  const rows = await deps.database.db
    .select({ flag: coercionFlags, windowName: windows.name, orgName: orgs.name })
    .from(coercionFlags)
    .leftJoin(windows, eq(windows.id, coercionFlags.windowId))
    .leftJoin(orgs, eq(orgs.id, coercionFlags.orgId))
    .where(and(...conds))
    .orderBy(desc(coercionFlags.detectedAt), desc(coercionFlags.id))
    .limit(q.limit);
  return rows.map((r) => ({
    ...r.flag,
    evidence: JSON.parse(r.flag.evidence) as FlagEvidence,
    windowName: r.windowName,
    orgName: r.orgName,
  }));
}

/** The bureau marks a flag reviewed with a note (audited); the flag and its ratings are otherwise untouched. */
export async function reviewFlag(
  { deps, staff: session }: Pick<AdminCtx, "deps" | "staff">,
  input: z.input<typeof ZReviewFlag>,
): Promise<void> {
  if (session.role !== "bureau")
    throw new DomainError("forbidden", "无权访问：仅限市政务服务数据管理局");
  const parsed = ZReviewFlag.safeParse(input);
  if (!parsed.success)
    throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "核查说明不正确", {
      field: String(parsed.error.issues[0]?.path[0] ?? ""),
    });
  const { id, note } = parsed.data;
  await deps.database.write(async (tx) => {
    const [f] = await tx
      .select({
        reviewedAt: coercionFlags.reviewedAt,
        orgId: coercionFlags.orgId,
        kind: coercionFlags.kind,
      })
      .from(coercionFlags)
      .where(eq(coercionFlags.id, id));
    if (!f) throw new DomainError("not_found", "找不到这个标记");
    if (f.reviewedAt !== null)
      throw new DomainError("conflict", "这个标记已经核查过", { field: "id" });
    const now = deps.clock.now();
    await tx
      .update(coercionFlags)
      .set({ reviewedAt: now, reviewedBy: session.displayName, reviewNote: note })
      .where(eq(coercionFlags.id, id));
    await audit(
      deps,
      { id: session.accountId, name: session.displayName },
      {
        action: "flag.review",
        target: `coercion_flag:${id}`,
        orgId: f.orgId,
        reason: note,
        detail: { kind: f.kind },
      },
      tx,
    );
  });
}
