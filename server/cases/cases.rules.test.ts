import { describe, expect, test } from "vitest";

import {
  type CaseEventFact,
  type CaseFacts,
  deriveCase,
  type EventType,
  mergeStage,
  ratingWindowCloses,
  type StageState,
} from "./cases.rules";

const T0 = Date.parse("2026-03-02T10:00:00+08:00");
let seq = 0;
function ev(type: EventType, minutes: number, extra: Partial<CaseEventFact> = {}): CaseEventFact {
  seq += 1;
  return {
    eventId: `e${String(seq).padStart(4, "0")}`,
    type,
    occurredAt: T0 + minutes * 60_000,
    ...extra,
  };
}
const stage = (d: ReturnType<typeof deriveCase>, s: "receipt" | "completion") =>
  d.stages.find((x) => x.stage === s);

const windowNoCert: CaseFacts = { channel: "window", needsCertificate: false };
const windowCert: CaseFacts = { channel: "window", needsCertificate: true };
const onlineNoCert: CaseFacts = { channel: "online_pc", needsCertificate: false };
const onlineCert: CaseFacts = { channel: "online_mobile", needsCertificate: true };
const terminal: CaseFacts = { channel: "terminal", needsCertificate: false };

describe("SPEC §4: when a case is completed (article 18)", () => {
  test.each([
    [
      "online, no certificate: decided (approved)",
      onlineNoCert,
      [ev("received", 0), ev("decided", 60, { decision: "approved" })],
      60,
    ],
    [
      "online, no certificate: decided (rejected)",
      onlineNoCert,
      [ev("received", 0), ev("decided", 60, { decision: "rejected" })],
      60,
    ],
    [
      "online, no certificate: 退件 (returned)",
      onlineNoCert,
      [ev("received", 0), ev("decided", 60, { decision: "returned" })],
      60,
    ],
    [
      "online, certificate: picked up",
      onlineCert,
      [
        ev("received", 0),
        ev("decided", 60, { decision: "approved" }),
        ev("certificate_issued", 90),
        ev("picked_up", 120),
      ],
      120,
    ],
    [
      "window, no certificate: decided",
      windowNoCert,
      [ev("received", 0), ev("accepted", 5), ev("decided", 30, { decision: "approved" })],
      30,
    ],
    [
      "window, certificate: picked up",
      windowCert,
      [
        ev("received", 0),
        ev("accepted", 5),
        ev("decided", 30, { decision: "approved" }),
        ev("picked_up", 300),
      ],
      300,
    ],
    [
      "window, certificate, refused: decision completes (nothing to pick up)",
      windowCert,
      [ev("received", 0), ev("decided", 30, { decision: "rejected" })],
      30,
    ],
    ["terminal: flow ended normally", terminal, [ev("received", 0), ev("terminal_finished", 3)], 3],
  ])("%s", (_name, facts, events, completedMinute) => {
    const d = deriveCase(facts, events);
    expect(d.status).toBe("completed");
    expect(d.completedAt).toBe(T0 + completedMinute * 60_000);
    expect(stage(d, "completion")).toMatchObject({
      status: "open",
      opensAt: T0 + completedMinute * 60_000,
    });
  });

  test.each([
    [
      "certificate needed, decided but not picked up",
      windowCert,
      [ev("received", 0), ev("decided", 30, { decision: "approved" })],
      "decided",
    ],
    [
      "certificate needed, issued but not picked up",
      onlineCert,
      [
        ev("received", 0),
        ev("decided", 30, { decision: "approved" }),
        ev("certificate_issued", 40),
      ],
      "certificate_issued",
    ],
    ["accepted only", windowNoCert, [ev("received", 0), ev("accepted", 5)], "accepted"],
    ["terminal, not finished", terminal, [ev("received", 0)], "received"],
  ])("not yet completed: %s", (_name, facts, events, status) => {
    const d = deriveCase(facts, events);
    expect(d.status).toBe(status);
    expect(d.completedAt).toBeNull();
    expect(stage(d, "completion")?.status).toBe("pending");
  });
});

describe("SPEC §4: the receipt stage and failures", () => {
  test("a successful window receipt opens the receipt stage with the receiving window and staff", () => {
    const d = deriveCase(windowCert, [ev("received", 0, { windowId: "w1", staffId: "s1" })]);
    expect(stage(d, "receipt")).toMatchObject({
      status: "open",
      windowId: "w1",
      staffId: "s1",
      opensAt: T0,
    });
    expect(stage(d, "completion")?.status).toBe("pending");
  });

  test("online and terminal cases have no receipt stage", () => {
    expect(deriveCase(onlineNoCert, [ev("received", 0)]).stages.map((s) => s.stage)).toEqual([
      "completion",
    ]);
    expect(deriveCase(terminal, [ev("received", 0)]).stages.map((s) => s.stage)).toEqual([
      "completion",
    ]);
  });

  test.each([
    ["receipt failed", [ev("receipt_failed", 0)], "receipt_failed"],
    [
      "acceptance failed after a good receipt",
      [ev("received", 0), ev("acceptance_failed", 10)],
      "acceptance_failed",
    ],
    [
      "acceptance failed, then a (late) decision",
      [ev("received", 0), ev("acceptance_failed", 10), ev("decided", 20, { decision: "approved" })],
      "acceptance_failed",
    ],
  ])("%s → no rating entry, ever", (_name, events, status) => {
    const d = deriveCase(windowNoCert, events);
    expect(d.status).toBe(status);
    expect(d.stages.every((s) => s.status === "not_open")).toBe(true);
    expect(d.completedAt).toBeNull();
  });
});

describe("duplicates and out-of-order events", () => {
  test("arrival order does not matter", () => {
    const events = [
      ev("received", 0),
      ev("accepted", 5),
      ev("decided", 30, { decision: "approved" }),
      ev("picked_up", 90),
    ];
    const forward = deriveCase(windowCert, events);
    expect(deriveCase(windowCert, [...events].reverse())).toEqual(forward);
    expect(deriveCase(windowCert, [events[3]!, events[0]!, events[2]!, events[1]!])).toEqual(
      forward,
    );
  });

  test("a duplicate event changes nothing", () => {
    const a = ev("decided", 30, { decision: "approved" });
    expect(deriveCase(windowNoCert, [ev("received", 0), a, a])).toEqual(
      deriveCase(windowNoCert, [ev("received", 0), a]),
    );
  });

  test("completion known before receipt (late receipt event)", () => {
    const d = deriveCase(windowNoCert, [ev("decided", 30, { decision: "approved" })]);
    expect(stage(d, "completion")?.status).toBe("open");
    expect(stage(d, "receipt")?.status).toBe("pending");
  });
});

describe("merging with what is stored", () => {
  const open: StageState = {
    stage: "completion",
    status: "open",
    opensAt: T0,
    closesAt: ratingWindowCloses(T0),
    windowId: null,
    staffId: null,
  };
  test("a rated or defaulted stage never changes", () => {
    for (const status of ["rated", "defaulted"] as const) {
      const stored = { ...open, status };
      expect(mergeStage(stored, { ...open, status: "not_open" })).toEqual(stored);
      expect(mergeStage(stored, { ...open, opensAt: T0 + 1 })).toEqual(stored);
    }
  });
  test("a stage opens at most once: a later-arriving earlier event does not move its window", () => {
    expect(
      mergeStage(open, {
        ...open,
        opensAt: T0 - DAY_MS * 3,
        closesAt: ratingWindowCloses(T0 - DAY_MS * 3),
      }),
    ).toEqual(open);
  });
  test("a failure closes an open, unrated stage", () => {
    expect(
      mergeStage(open, { ...open, status: "not_open", opensAt: null, closesAt: null }).status,
    ).toBe("not_open");
  });
});

const DAY_MS = 86_400_000;
describe("the 7-natural-day window in Asia/Shanghai (article 17, DESIGN §7)", () => {
  test.each([
    ["opened at 23:59 Shanghai", "2026-03-02T23:59:00+08:00", "2026-03-10T00:00:00+08:00"],
    ["opened at 00:01 Shanghai", "2026-03-03T00:01:00+08:00", "2026-03-11T00:00:00+08:00"],
    ["opened at 00:00 exactly", "2026-03-03T00:00:00+08:00", "2026-03-11T00:00:00+08:00"],
    [
      "opened 23:59 Shanghai is 15:59 UTC the same day",
      "2026-03-02T15:59:00Z",
      "2026-03-10T00:00:00+08:00",
    ],
    [
      "opened 00:01 Shanghai is 16:01 UTC the day before",
      "2026-03-02T16:01:00Z",
      "2026-03-11T00:00:00+08:00",
    ],
    ["month end (31 days)", "2026-01-31T09:00:00+08:00", "2026-02-08T00:00:00+08:00"],
    ["end of February (not a leap year)", "2026-02-28T18:00:00+08:00", "2026-03-08T00:00:00+08:00"],
    ["end of February (leap year)", "2028-02-28T18:00:00+08:00", "2028-03-07T00:00:00+08:00"],
    ["year end", "2026-12-31T20:00:00+08:00", "2027-01-08T00:00:00+08:00"],
  ])("%s", (_name, opened, closes) => {
    expect(new Date(ratingWindowCloses(Date.parse(opened))).toISOString()).toBe(
      new Date(Date.parse(closes)).toISOString(),
    );
  });
});
