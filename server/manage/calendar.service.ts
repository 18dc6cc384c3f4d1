import "server-only";

import { and, asc, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";

import { calendarDays } from "@/db/schema";
import { calendarRows } from "@/db/seed/calendar";

import { type ActorCtx } from "../access/admin-ctx";
import { audit } from "../audit/audit.service";
import type { Deps } from "../deps";
import { parseForm } from "./fields";

/**
 * The working-day calendar (article 21's 10 working days; DESIGN §7): the bureau edits a day (a
 * 调休 the State Council announced late, a local closure) or imports a year from the bundled
 * statutory data. Deadlines already set keep their time; new ones use the edited calendar.
 */
const date = z
  .string({ error: "日期：请填写" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期：格式应为 2026-10-01")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "日期：不是有效的日期",
  );

export async function monthDays(deps: Deps, month: string) {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return [];
  const next =
    Number(m[2]) === 12
      ? `${Number(m[1]) + 1}-01`
      : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, "0")}`;
  return deps.database.db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${month}-01`), lt(calendarDays.date, `${next}-01`)))
    .orderBy(asc(calendarDays.date));
}

export async function setDay({ deps, actor }: ActorCtx, input: unknown): Promise<void> {
  const f = parseForm(
    z.object({
      date,
      workday: z.boolean({ error: "是否工作日：请选择" }),
      note: z.string().trim().max(100, "说明：不能超过 100 个字").default(""),
    }),
    input,
  );
  await deps.database.write(async (tx) => {
    const [before] = await tx
      .select()
      .from(calendarDays)
      .where(sql`${calendarDays.date} = ${f.date}`);
    await tx
      .insert(calendarDays)
      .values(f)
      .onConflictDoUpdate({ target: calendarDays.date, set: { workday: f.workday, note: f.note } });
    await audit(
      deps,
      actor,
      {
        action: "calendar.set",
        target: `calendar:${f.date}`,
        detail: {
          before: before ? { workday: before.workday, note: before.note } : null,
          after: { workday: f.workday, note: f.note },
        },
      },
      tx,
    );
  });
}

/** Every day of a year from the statutory data (weekends, holidays, 调休), replacing what was there. */
export async function importYear(
  { deps, actor }: ActorCtx,
  input: unknown,
): Promise<{ days: number }> {
  const { year } = parseForm(
    z.object({
      year: z
        .number({ error: "年份：请填写" })
        .int("年份：须为整数")
        .min(2020, "年份：不能早于 2020")
        .max(2100, "年份：不能晚于 2100"),
    }),
    input,
  );
  const rows = calendarRows([year]);
  await deps.database.write(async (tx) => {
    for (let i = 0; i < rows.length; i += 100)
      await tx
        .insert(calendarDays)
        .values(rows.slice(i, i + 100))
        .onConflictDoUpdate({
          target: calendarDays.date,
          set: { workday: sql`excluded.workday`, note: sql`excluded.note` },
        });
    await audit(
      deps,
      actor,
      { action: "calendar.import", target: `calendar:${year}`, detail: { days: rows.length } },
      tx,
    );
  });
  return { days: rows.length };
}
