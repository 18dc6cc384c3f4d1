import zhCN from "@/messages/zh-CN.json";
import type { Level } from "@/server/ratings/vocabulary";

export const LEVEL_WORD: Record<Level, string> = zhCN.client.levels;

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export const when = (ms: number) => dateTime.format(ms);
/** A due time is 24:00 of a day: shown as that day, not as 00:00 of the next. */
export const dueDay = (ms: number) => dateOnly.format(ms - 1);

/** A rate as a percentage with two decimals; none (no ratings) as a dash. */
export const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(2)}%`);
/** A score with two decimals; none as a dash. */
export const num = (v: number | null) => (v === null ? "—" : v.toFixed(2));
