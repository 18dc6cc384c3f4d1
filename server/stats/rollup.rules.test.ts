import fc from "fast-check";
import { expect, test } from "vitest";

import { dateDay, dayDate, monthDays, monthOfDay, splitPeriod } from "./rollup.rules";

test("a period splits into whole months and the days of its partial months, covering each day once", () => {
  expect(splitPeriod(dateDay("2026-03-01"), dateDay("2026-03-31"))).toEqual({
    days: [],
    months: [monthOfDay(dateDay("2026-03-01")), monthOfDay(dateDay("2026-03-01"))],
  });
  expect(splitPeriod(dateDay("2026-03-02"), dateDay("2026-03-30"))).toEqual({
    days: [[dateDay("2026-03-02"), dateDay("2026-03-30")]],
    months: null,
  });
  fc.assert(
    fc.property(
      fc.integer({ min: dateDay("2024-01-01"), max: dateDay("2027-12-31") }),
      fc.integer({ min: 0, max: 365 }),
      (from, len) => {
        const to = from + len;
        const { days, months } = splitPeriod(from, to);
        const covered: number[] = [];
        for (const [lo, hi] of days) for (let d = lo; d <= hi; d++) covered.push(d);
        if (months)
          for (let m = months[0]; m <= months[1]; m++)
            for (let d = monthDays(m)[0]; d <= monthDays(m)[1]; d++) covered.push(d);
        covered.sort((a, b) => a - b);
        expect(covered).toEqual(Array.from({ length: len + 1 }, (_, i) => from + i));
        expect(days.length).toBeLessThanOrEqual(2);
      },
    ),
  );
  expect(dayDate(monthDays(monthOfDay(dateDay("2024-02-10")))[1])).toBe("2024-02-29");
});
