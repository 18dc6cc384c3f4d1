import { z } from "zod";

import { LEVELS } from "./vocabulary";

/**
 * One part of a rating as `ratings.scores` (JSON text, in the hash chain) holds it: what a rater
 * submitted (ratings.schema.ts ZScore, checked then), a default (ratings.rules.ts defaultScores),
 * or a 12345 call's, which also names the operator rated.
 */
export const ZStoredScore = z.object({
  indicatorCode: z.string(),
  level: z.enum(LEVELS),
  tagCodes: z.array(z.string()),
  text: z.string().optional(),
  operatorNo: z.string().optional(),
});
export type StoredScore = z.infer<typeof ZStoredScore>;
const ZStoredScores = z.array(ZStoredScore);

/**
 * The one reader of `ratings.scores`. A row that does not read is a broken row (the chain's
 * verify-log names which), so it throws rather than passing a wrong shape on.
 */
export function parseScores(json: string): StoredScore[] {
  const read = ZStoredScores.safeParse(JSON.parse(json));
  if (!read.success) throw new Error(`ratings.scores does not read: ${read.error.message}`);
  return read.data;
}
