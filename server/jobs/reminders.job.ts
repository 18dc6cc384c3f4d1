import "server-only";

import { sql } from "drizzle-orm";

import { applicants, cases, items, outbox, ratingStages } from "@/db/schema";

import { openApplicantPii } from "../cases/applicant-pii";
import type { Deps } from "../deps";
import { queueSms } from "../outbox/outbox.service";
import { mintCode } from "../qr/qr.service";
import { shanghaiHour } from "../time/shanghai";

export const REMIND_AFTER_MS = 24 * 3600_000;
/** no SMS between 21:00 and 08:00 Shanghai time: a reminder due then waits until 08:00 */
export const quietHours = (now: number) => shanghaiHour(now) >= 21 || shanghaiHour(now) < 8;

/** Reminders queued per commit: many per fsync, few enough that a citizen's write never waits long. */
export const REMINDERS_PER_COMMIT = 100;

/**
 * Article 13: 24 h after completion with no rating, one SMS to the applicant (once per stage).
 * The codes are signed outside the writer; each commit queues up to `batch` messages.
 */
export async function sendReminders(
  deps: Deps,
  opts: { batch?: number; max?: number } = {},
): Promise<number> {
  const batch = Math.max(1, opts.batch ?? REMINDERS_PER_COMMIT);
  const max = opts.max ?? 10_000;
  const now = deps.clock.now();
  if (quietHours(now)) return 0;
  let sent = 0;
  for (;;) {
    const want = Math.min(batch, max - sent);
    if (want <= 0) break;
    const due = await dueReminders(deps, now, want);
    const messages = await Promise.all(
      due.map(async (r) => {
        const { url } = await mintCode(deps, { serialNo: r.serialNo, kind: "static" });
        const params = { item: r.itemName, serial: r.serialNo, link: url };
        return {
          key: `reminder:${r.stageId}`,
          to: openApplicantPii(deps.pii, r.piiEnc).phone,
          params,
        };
      }),
    );
    if (messages.length) {
      await deps.database.write(async (tx) => {
        for (const m of messages)
          await queueSms(
            deps,
            tx,
            m.key,
            { to: m.to, template: "reminder", params: m.params },
            now,
          );
      });
    }
    sent += due.length;
    if (due.length < want) break;
  }
  return sent;
}

function dueReminders(deps: Deps, now: number, limit: number) {
  return deps.database.db.all<{
    stageId: string;
    serialNo: string;
    closesAt: number;
    itemName: string;
    piiEnc: string | null;
  }>(sql`
    select ${ratingStages.id} as stageId, ${cases.serialNo} as serialNo, ${ratingStages.closesAt} as closesAt, ${items.name} as itemName, ${applicants.piiEnc} as piiEnc
    from ${ratingStages}
    join ${cases} on ${cases.id} = ${ratingStages.caseId}
    join ${items} on ${items.id} = ${cases.itemId}
    join ${applicants} on ${applicants.id} = ${cases.applicantId}
    where ${ratingStages.status} = 'open' and ${ratingStages.stage} = 'completion'
      and ${ratingStages.opensAt} <= ${now - REMIND_AFTER_MS} and ${ratingStages.closesAt} > ${now}
      and not exists (select 1 from ${outbox} where ${outbox.channel} = 'sms' and ${outbox.dedupeKey} = 'reminder:' || ${ratingStages.id})
    limit ${limit}`);
}
