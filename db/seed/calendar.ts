import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
interface ChineseDaysApi {
  getSolarDateFromLunar(lunar: string): { date: string };
  getSolarTerms(start: string, end: string): { date: string; name: string }[];
}

/**
 * The statutory days of a year the State Council has not arranged yet (全国年节及纪念日放假办法,
 * as amended in 2024): 元旦 1, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3.
 * Which weekends become 调休 make-up workdays is only known from the yearly notice.
 */
function statutoryDays(year: number): Map<string, string> {
  const api = require("chinese-days") as ChineseDaysApi;
  const lunar = (md: string) => api.getSolarDateFromLunar(`${year}-${md}`).date;
  const plus = (date: string, n: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const newYear = lunar("01-01");
  const qingming = api
    .getSolarTerms(`${year}-04-01`, `${year}-04-30`)
    .find((t) => t.name === "清明")?.date;
  const days: [string, string][] = [
    [`${year}-01-01`, "元旦"],
    ...[-1, 0, 1, 2].map((n): [string, string] => [plus(newYear, n), "春节"]),
    ...(qingming ? [[qingming, "清明节"] as [string, string]] : []),
    [`${year}-05-01`, "劳动节"],
    [`${year}-05-02`, "劳动节"],
    [lunar("05-05"), "端午节"],
    [lunar("08-15"), "中秋节"],
    [`${year}-10-01`, "国庆节"],
    [`${year}-10-02`, "国庆节"],
    [`${year}-10-03`, "国庆节"],
  ];
  return new Map(days);
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
    const statutory = published ? new Map<string, string>() : statutoryDays(year);
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const weekday = new Date(t).getUTCDay();
      const holiday = data.holidays[date];
      const makeUp = data.workdays[date];
      if (makeUp)
        rows.push({ date, workday: true, note: `调休上班 ${makeUp.split(",")[1] ?? ""}`.trim() });
      else if (holiday)
        rows.push({
          date,
          workday: false,
          note: `法定节假日 ${holiday.split(",")[1] ?? ""}`.trim(),
        });
      else if (statutory.has(date))
        rows.push({
          date,
          workday: false,
          note: `法定节假日 ${statutory.get(date)}（调休待国务院通知）`,
        });
      else
        rows.push({
          date,
          workday: weekday !== 0 && weekday !== 6,
          note: published ? "" : "调休安排待国务院通知",
        });
    }
  }
  return rows;
}
