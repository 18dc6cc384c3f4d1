import { z } from "zod";

import { DomainError } from "../errors";

export const ZAppealId = z.object({ id: z.string().min(1).max(64) });

/** The fields of a filed appeal besides its files (multipart: these are form fields). */
export const ZFileAppeal = z.object({
  ratingId: z.string().trim().min(1, "评价编号：请填写").max(64),
  indicatorCodes: z.array(z.string().trim().min(1).max(40)).max(10),
  reason: z.string().max(4000),
});
export type TFileAppeal = z.infer<typeof ZFileAppeal>;

/** The multipart form's fields, checked once where they arrive: the first problem names its field. */
export function parseFileAppeal(input: unknown): TFileAppeal {
  const parsed = ZFileAppeal.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "申诉内容不正确", {
    field: String(parsed.error.issues[0]?.path[0] ?? ""),
  });
}

export const ZDecideAppeal = z.object({
  appealId: z.string().min(1).max(64),
  outcome: z.enum(["adopted", "rejected"], { error: "决定：请选择采纳或驳回" }),
  reason: z.string().max(4000),
});
export type TDecideAppeal = z.infer<typeof ZDecideAppeal>;

export const ZListAppeals = z.object({
  status: z.enum(["pending", "adopted", "rejected"]).optional(),
  /** keyset: the last row's filedAt and id */
  before: z.object({ filedAt: z.number().int(), id: z.string().max(64) }).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TListAppeals = z.infer<typeof ZListAppeals>;
