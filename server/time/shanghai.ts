/** Calendar days in Asia/Shanghai (UTC+8 all year: China has no daylight saving). */
const OFFSET = 8 * 3600_000;
export const DAY = 24 * 3600_000;

/** The instant 00:00 Shanghai time of the day containing `ms`. */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET;
}

/** YYYY-MM-DD of `ms` in Shanghai. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** 00:00 Shanghai of a YYYY-MM-DD date. */
export function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** Hour of day (0–23) in Shanghai. */
export function shanghaiHour(ms: number): number {
  return new Date(ms + OFFSET).getUTCHours();
}
