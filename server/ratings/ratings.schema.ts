import { z } from "zod";

import { LEVELS } from "./vocabulary";

export const ZLevel = z.enum(LEVELS);

export const ZScore = z.object({
  indicatorCode: z.string().min(1).max(40),
  level: ZLevel,
  tagCodes: z.array(z.string().min(1).max(80)).max(20).default([]),
  text: z.string().trim().max(500).optional(),
});

export const ZSubmitRating = z.object({
  token: z.string().min(10).max(600),
  /** made on the phone: a resend (double tap, offline queue, replay) answers the first result */
  submissionId: z.string().min(8).max(64),
  stage: z.enum(["receipt", "completion"]),
  scores: z.array(ZScore).min(1).max(20),
  /** 一件事: each related item's own business ratings, by the case's serial number (optional) */
  items: z
    .array(z.object({ serialNo: z.string().min(1).max(64), scores: z.array(ZScore).max(20) }))
    .max(20)
    .optional(),
  /** 同意回访 on a 差评: 12345 gets the phone on file and the desk shows it (SPEC §9); unticked by default */
  contactConsent: z.boolean().optional(),
});
export type TSubmitRating = z.infer<typeof ZSubmitRating>;

export const ZRatingReceipt = z.object({
  ratingId: z.string(),
  stage: z.enum(["receipt", "completion"]),
  createdAt: z.number(),
  /** true when this answer is the first submission's, and nothing was written now */
  replay: z.boolean(),
});
export type TRatingReceipt = z.infer<typeof ZRatingReceipt>;
