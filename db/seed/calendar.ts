import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/**
 * Every day of the given years with whether it is a working day: weekends off, statutory
 * holidays off, 调休 make-up days on — from the `chinese-days` data set. Years the State Council
 * has not published yet come out as plain weekdays and are marked so for the bureau to edit.
 */
export function calendarRows(years: number[]): { date: string; workday: boolean; note: string }[] {
  const data = require("chinese-days/dist/chinese-days.json") as ChineseDays;
  const rows: { date: string; workday: boolean; note: string }[] = [];
  for (const year of years) {
    const published = Object.keys(data.holidays).some((d) => d.startsWith(`${year}-`));
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const weekday = new Date(t).getUTCDay();
      const holiday = data.holidays[date];
      const makeUp = data.workdays[date];
      if (makeUp) rows.push({ date, workday: true, note: `调休上班 ${makeUp.split(",")[1] ?? ""}`.trim() });
      else if (holiday) rows.push({ date, workday: false, note: `法定节假日 ${holiday.split(",")[1] ?? ""}`.trim() });
      else rows.push({ date, workday: weekday !== 0 && weekday !== 6, note: published ? "" : "未发布放假安排" });
    }
  }
  return rows;
}
