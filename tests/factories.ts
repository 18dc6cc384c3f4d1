import type { TCaseEvent } from "../server/cases/cases.schema";

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export const APPLICANT = {
  type: "person",
  name: "黄秀英",
  idNumber: "440781195803120027",
  phone: "13902221234",
} as const;

export type EventOverrides = Partial<Omit<TCaseEvent, "case">> & {
  case?: Partial<TCaseEvent["case"]>;
};

/** A valid case event for the demo seed's codes; override what the test is about. */
export function caseEvent(o: EventOverrides = {}): TCaseEvent {
  const { case: c, ...rest } = o;
  return {
    eventId: `ev-${unique()}`,
    occurredAt: "2026-03-02T09:30:00+08:00",
    type: "received",
    ...rest,
    case: {
      serialNo: `TS${unique()}`,
      itemCode: "ITEM-0001",
      orgCode: "440781",
      channel: "window",
      needsCertificate: false,
      windowCode: "W01",
      staffNo: "TS0001",
      applicant: { ...APPLICANT },
      ...c,
    },
  };
}

/** A 12345 call rated 不满意 with a reason, as the hotline sends it (SPEC §6); override what the test is about. */
export function hotlineCall(callId: string, o: Record<string, unknown> = {}) {
  return {
    callId,
    occurredAt: "2026-03-02T10:00:00+08:00",
    operatorNo: "H0001",
    channel: "phone",
    level: "unsatisfied",
    tags: ["svc.attitude.unsatisfied.1"],
    caller: { name: "黄秀英", phone: "13800138000" },
    ...o,
  };
}

/**
 * A batch that takes every way through the batch endpoint (server/cases/cases.batch.ts): new cases
 * on the fast path (a window's, a terminal's, a new enterprise twice, a returning person), later
 * events of a case in the same batch, a replay and an eventId reused with another body.
 */
export function mixedBatch(): TCaseEvent[] {
  const a = caseEvent();
  const t = caseEvent({
    case: { channel: "terminal", terminalCode: "T01", windowCode: undefined, staffNo: undefined },
  });
  const other = {
    type: "enterprise",
    name: "台山某公司",
    idNumber: "91440781MA00000000",
    phone: "13800000000",
    agentName: "李四",
  } as const;
  return [
    a,
    caseEvent({
      type: "decided",
      decision: "approved",
      occurredAt: "2026-03-02T11:00:00+08:00",
      case: a.case,
    }),
    t,
    caseEvent({ type: "terminal_finished", occurredAt: "2026-03-02T09:35:00+08:00", case: t.case }),
    caseEvent({ type: "receipt_failed" }),
    caseEvent({ case: { applicant: other } }),
    caseEvent({ case: { applicant: other, itemCode: "ITEM-0002", needsCertificate: true } }),
    caseEvent({ type: "accepted", case: { applicant: { ...APPLICANT } } }),
    a,
    { ...a, occurredAt: "2026-03-02T12:00:00+08:00" },
  ];
}
