import "server-only";
import { sql } from "drizzle-orm";
import { applicants, cases, items, outbox, ratingStages } from "@/db/schema";
import type { Deps } from "../deps";
import { queueSms } from "../outbox/outbox.service";
import { mintCode } from "../qr/qr.service";
import { shanghaiHour } from "../time/shanghai";

export const REMIND_AFTER_MS = 24 * 3600_000;
/** no SMS between 21:00 and 08:00 Shanghai time: a reminder due then waits until 08:00 */
export const quietHours = (now: number) => shanghaiHour(now) >= 21 || shanghaiHour(now) < 8;

const day = (ms: number) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "long", day: "numeric" }).format(ms);

/** Article 13: 24 h after completion with no rating, one SMS to the applicant (once per stage). */
export async function sendReminders(deps: Deps, limit = 200): Promise<number> {
  const now = deps.clock.now();
  if (quietHours(now)) return 0;
  const due = await deps.database.db.all<{ stageId: string; serialNo: string; closesAt: number; itemName: string; phoneEnc: string }>(sql`
    select ${ratingStages.id} as stageId, ${cases.serialNo} as serialNo, ${ratingStages.closesAt} as closesAt, ${items.name} as itemName, ${applicants.phoneEnc} as phoneEnc
    from ${ratingStages}
    join ${cases} on ${cases.id} = ${ratingStages.caseId}
    join ${items} on ${items.id} = ${cases.itemId}
    join ${applicants} on ${applicants.id} = ${cases.applicantId}
    where ${ratingStages.status} = 'open' and ${ratingStages.stage} = 'completion'
      and ${ratingStages.opensAt} <= ${now - REMIND_AFTER_MS} and ${ratingStages.closesAt} > ${now}
      and not exists (select 1 from ${outbox} where ${outbox.channel} = 'sms' and ${outbox.dedupeKey} = 'reminder:' || ${ratingStages.id})
    limit ${limit}`);
  for (const r of due) {
    const { url } = await mintCode(deps, { serialNo: r.serialNo, kind: "static" });
    const text = `【台山好差评】您办理的“${r.itemName}”已办结，欢迎评价，${day(r.closesAt - 1)}前有效：${url}`;
    await deps.database.write((tx) => queueSms(deps, tx, `reminder:${r.stageId}`, { to: deps.pii.decrypt(r.phoneEnc), text }, now));
  }
  return due.length;
}
