import { z } from "zod";

export const ZAppealId = z.object({ id: z.string().min(1).max(64) });

/** The fields of a filed appeal besides its files (multipart: these are form fields). */
export const ZFileAppeal = z.object({
  ratingId: z.string().trim().min(1, "评价编号：请填写").max(64),
  indicatorCodes: z.array(z.string().trim().min(1).max(40)).max(10),
  reason: z.string().max(4000),
});
export type TFileAppeal = z.infer<typeof ZFileAppeal>;

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
export type TListAppeals = z.input<typeof ZListAppeals>;
