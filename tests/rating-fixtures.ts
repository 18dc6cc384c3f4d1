import { eq } from "drizzle-orm";
import { cases } from "../db/schema";
import { recordCaseEvent } from "../server/cases/cases.service";
import type { Deps } from "../server/deps";
import { issueCode } from "../server/qr/qr.service";
import { caseEvent, type EventOverrides } from "./factories";

/** A window case completed now (both stages open) with a static code, and its applicant's id. */
export async function completedCase(deps: Deps, o: EventOverrides = {}) {
  const at = new Date(deps.clock.now() - 60_000).toISOString();
  const received = caseEvent({ ...o, occurredAt: at });
  await recordCaseEvent(deps, "test", received);
  await recordCaseEvent(deps, "test", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: received.case }));
  const [c] = await deps.database.db.select().from(cases).where(eq(cases.serialNo, received.case.serialNo));
  const code = await issueCode(deps, { serialNo: received.case.serialNo, kind: "static" });
  return { serialNo: received.case.serialNo, applicantId: c!.applicantId, caseId: c!.id, token: code.token, url: code.url, event: received };
}

/** A batch (article 20): `size` cases of one applicant, window and item, completed now, and its code. */
export async function completedBatch(deps: Deps, size: number) {
  const at = new Date(deps.clock.now() - 60_000).toISOString();
  const batchNo = `PC${deps.clock.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const serials: string[] = [];
  for (let i = 0; i < size; i++) {
    const e = caseEvent({ occurredAt: at, case: { batchNo } });
    await recordCaseEvent(deps, "test", e);
    await recordCaseEvent(deps, "test", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }));
    serials.push(e.case.serialNo);
  }
  const [c] = await deps.database.db.select().from(cases).where(eq(cases.serialNo, serials[0]!));
  const code = await issueCode(deps, { batchNo, kind: "static" });
  return { batchNo, serials, applicantId: c!.applicantId, token: code.token };
}

/** A 一件事 theme: one completed case per item for one applicant, and the theme's code. */
export async function completedTheme(deps: Deps, itemCodes: string[], themeName = "开办餐饮店“一件事”") {
  const at = new Date(deps.clock.now() - 60_000).toISOString();
  const themeNo = `ZT${deps.clock.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const serials: string[] = [];
  for (const itemCode of itemCodes) {
    const e = caseEvent({ occurredAt: at, case: { themeNo, themeName, itemCode } });
    await recordCaseEvent(deps, "test", e);
    await recordCaseEvent(deps, "test", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }));
    serials.push(e.case.serialNo);
  }
  const [c] = await deps.database.db.select().from(cases).where(eq(cases.serialNo, serials[0]!));
  const code = await issueCode(deps, { themeNo, kind: "static" });
  return { themeNo, serials, applicantId: c!.applicantId, token: code.token };
}
