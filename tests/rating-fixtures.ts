import { eq } from "drizzle-orm";

import { cases } from "../db/schema";
import { recordCaseEvent } from "../server/cases/cases.service";
import type { Deps } from "../server/deps";
import { SESSION_COOKIE, signSession } from "../server/identity/session";
import { mintCode } from "../server/qr/qr.service";
import { caseEvent, type EventOverrides } from "./factories";

/** Receives and decides one case a minute before the clock's now: both its stages are open. */
async function completeCase(deps: Deps, o: EventOverrides = {}) {
  const at = new Date(deps.clock.now() - 60_000).toISOString();
  const received = caseEvent({ ...o, occurredAt: at });
  await recordCaseEvent(deps, "test", received);
  await recordCaseEvent(
    deps,
    "test",
    caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: received.case }),
  );
  const [c] = await deps.database.db
    .select()
    .from(cases)
    .where(eq(cases.serialNo, received.case.serialNo));
  return {
    event: received,
    serialNo: received.case.serialNo,
    caseId: c!.id,
    applicantId: c!.applicantId,
  };
}

/** A window case completed now (both stages open) with a static code, and its applicant's id. */
export async function completedCase(deps: Deps, o: EventOverrides = {}) {
  const c = await completeCase(deps, o);
  const code = await mintCode(deps, { serialNo: c.serialNo, kind: "static" });
  return { ...c, token: code.token, url: code.url };
}

/**
 * The `i`-th of many raters for load: a completed case of an applicant of their own, its static
 * code, and the real-name session cookie a phone would send with the rating.
 */
export async function signedInRater(
  deps: Deps,
  i: number,
): Promise<{ token: string; cookie: string }> {
  const applicant = {
    type: "person",
    name: "测试",
    idNumber: `44078119900101${String(i).padStart(4, "0")}`,
    phone: `138${String(i).padStart(8, "0")}`,
  } as const;
  const c = await completedCase(deps, { case: { applicant } });
  return {
    token: c.token,
    cookie: `${SESSION_COOKIE}=${await signSession(deps, { applicantId: c.applicantId, proof: "otp" })}`,
  };
}

/** A batch (article 20): `size` cases of one applicant, window and item, completed now, and its code. */
export async function completedBatch(deps: Deps, size: number) {
  const batchNo = `PC${deps.clock.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const done = [];
  for (let i = 0; i < size; i++) done.push(await completeCase(deps, { case: { batchNo } }));
  const code = await mintCode(deps, { batchNo, kind: "static" });
  return {
    batchNo,
    serials: done.map((c) => c.serialNo),
    applicantId: done[0]!.applicantId,
    token: code.token,
  };
}

/** A 一件事 theme: one completed case per item for one applicant, and the theme's code. */
export async function completedTheme(
  deps: Deps,
  itemCodes: string[],
  themeName = "开办餐饮店“一件事”",
) {
  const themeNo = `ZT${deps.clock.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const done = [];
  for (const itemCode of itemCodes)
    done.push(await completeCase(deps, { case: { themeNo, themeName, itemCode } }));
  const code = await mintCode(deps, { themeNo, kind: "static" });
  return {
    themeNo,
    serials: done.map((c) => c.serialNo),
    applicantId: done[0]!.applicantId,
    token: code.token,
  };
}
