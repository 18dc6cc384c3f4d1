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
