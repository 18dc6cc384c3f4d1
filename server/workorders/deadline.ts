import "server-only";

import { and, asc, eq, gt } from "drizzle-orm";

import { calendarDays } from "@/db/schema";
import type { Reader } from "@/db/types";

import { DAY, shanghaiDate, shanghaiMidnight } from "../time/shanghai";

/** Taishan's rule (article 21): 10 working days. Other cities use other numbers (REFERENCE.md). */
export const WORKING_DAYS_TO_RESPOND = 10;

/**
 * DESIGN §7: counted from the day after creation by the calendar table (调休 make-up days are
 * workdays, holidays are not); due at 24:00 Shanghai of the Nth working day.
 */
export async function workOrderDueAt(
  db: Reader,
  createdAt: number,
  days = WORKING_DAYS_TO_RESPOND,
): Promise<number> {
  const rows = await db
    .select({ date: calendarDays.date })
    .from(calendarDays)
    .where(and(gt(calendarDays.date, shanghaiDate(createdAt)), eq(calendarDays.workday, true)))
    .orderBy(asc(calendarDays.date))
    .limit(days);
  const last = rows[days - 1];
  if (last) return shanghaiMidnight(last.date) + DAY;
  // beyond the calendar: count Monday–Friday so a deadline is never missing
  let t = shanghaiMidnight(shanghaiDate(createdAt));
  for (let n = 0; n < days;) {
    t += DAY;
    const weekday = new Date(t + 8 * 3600_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) n += 1;
  }
  return t + DAY;
}
