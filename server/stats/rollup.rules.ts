import { parseScores, type StoredScore } from "../ratings/scores";
import { type Level, LEVEL_SCORE, ratingLevel, serviceLevel } from "../ratings/vocabulary";
import { DAY } from "../time/shanghai";

/**
 * Article 23 (SPEC §9), pure: what one rating adds to the daily rollups. Kept apart from I/O so
 * the writer, the rebuild script, the benchmark's bulk loader and the tests' recount share it.
 */
export type Part = "whole" | "service" | "not_adopted";

/** '' stands for "none" in the rollup keys (a 12345 call has no org, item or window). */
export const NONE = "";

/** The Shanghai day number of an instant: days since 1970-01-01 in UTC+8. */
export function dayNumber(ms: number): number {
  return Math.floor((ms + 8 * 3600_000) / DAY);
}

/** YYYY-MM-DD of a day number. */
export function dayDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The day number of a YYYY-MM-DD date. */
export function dateDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
}

/** The month number (year * 12 + month - 1) of a day number. */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The first and last day numbers of a month number. */
export function monthDays(month: number): [number, number] {
  const y = Math.floor(month / 12);
  const m = month % 12;
  return [Math.round(Date.UTC(y, m, 1) / DAY), Math.round(Date.UTC(y, m + 1, 1) / DAY) - 1];
}

/**
 * A period of days split for reading: its whole months (from the monthly rollups) and the days
 * of its partial months (from the daily ones) — at most two runs of days around one run of months.
 */
export function splitPeriod(
  fromDay: number,
  toDay: number,
): { days: [number, number][]; months: [number, number] | null } {
  let first = monthOfDay(fromDay);
  if (monthDays(first)[0] < fromDay) first += 1;
  let last = monthOfDay(toDay);
  if (monthDays(last)[1] > toDay) last -= 1;
  if (first > last) return { days: [[fromDay, toDay]], months: null };
  const days: [number, number][] = [];
  if (fromDay < monthDays(first)[0]) days.push([fromDay, monthDays(first)[0] - 1]);
  if (monthDays(last)[1] < toDay) days.push([monthDays(last)[1] + 1, toDay]);
  return { days, months: [first, last] };
}

export interface RatingFacts {
  createdAt: number;
  source: string;
  channel: string;
  overallLevel: Level | null;
  /** the chained scores JSON: [{indicatorCode, level, operatorNo?}, …] */
  scores: string;
  staffId: string | null;
  windowId: string | null;
  orgId: string | null;
  itemId: string | null;
}

/** Who the service part rates: the window staff, or for a 12345 call the operator (`12345:<工号>`). */
export function staffKeyOf(staffId: string | null, scores: StoredScore[]): string {
  if (staffId) return staffId;
  const operator = scores.find((s) => s.operatorNo)?.operatorNo;
  return operator ? `12345:${operator}` : NONE;
}

export interface RollupKey {
  day: number;
  orgId: string;
  itemId: string;
  windowId: string;
  staffKey: string;
  channel: string;
  source: string;
  level: Level;
  part: Part;
}

/** A cell's identity, for adding many ratings' cells up in memory before they are written. */
export const keyOf = (k: RollupKey) =>
  [k.part, k.day, k.orgId, k.itemId, k.windowId, k.staffKey, k.channel, k.source, k.level].join(
    "\u0001",
  );

/** The rollup rows one rating adds (+1 each): its whole row, and its service row when it rated service. */
export function rollupKeys(r: RatingFacts): RollupKey[] {
  const scores = parseScores(r.scores);
  const base = {
    day: dayNumber(r.createdAt),
    orgId: r.orgId ?? NONE,
    itemId: r.itemId ?? NONE,
    windowId: r.windowId ?? NONE,
    staffKey: staffKeyOf(r.staffId, scores),
    channel: r.channel,
    source: r.source,
  };
  const out: RollupKey[] = [];
  const whole = ratingLevel(r.overallLevel, scores);
  if (whole) out.push({ ...base, level: whole, part: "whole" });
  const service = serviceLevel(scores);
  if (service) out.push({ ...base, level: service, part: "service" });
  return out;
}

export const scoreOf = (level: Level) => LEVEL_SCORE[level];
