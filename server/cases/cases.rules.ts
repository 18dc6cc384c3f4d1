import { DAY, shanghaiDayStart } from "../time/shanghai";

/** Case life (article 18, SPEC §4) as pure functions: no db, no clock, no I/O. */

export const EVENT_TYPES = [
  "received",
  "receipt_failed",
  "accepted",
  "acceptance_failed",
  "decided",
  "certificate_issued",
  "picked_up",
  "terminal_finished",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type Channel = "window" | "online_pc" | "online_mobile" | "terminal";
export type Decision = "approved" | "rejected" | "returned";
export type Stage = "receipt" | "completion";
export type StageStatus = "pending" | "open" | "rated" | "defaulted" | "not_open";
export type CaseStatus =
  | "received"
  | "receipt_failed"
  | "accepted"
  | "acceptance_failed"
  | "decided"
  | "certificate_issued"
  | "completed";

export interface CaseFacts {
  channel: Channel;
  needsCertificate: boolean;
}

export interface CaseEventFact {
  eventId: string;
  type: EventType;
  occurredAt: number;
  decision?: Decision | null;
  windowId?: string | null;
  staffId?: string | null;
}

export interface StageState {
  stage: Stage;
  status: StageStatus;
  opensAt: number | null;
  closesAt: number | null;
  windowId: string | null;
  staffId: string | null;
}

export interface DerivedCase {
  status: CaseStatus;
  decision: Decision | null;
  completedAt: number | null;
  stages: StageState[];
}

/**
 * The rating window, said here once. Article 18 says when a stage opens — at 办结 (收件 for the
 * receipt stage; completionEvent below for the completion stage); article 17 says how long it
 * stays open — 7 natural days, decided in DESIGN §7 as until 24:00 Shanghai of the 7th calendar
 * day after the opening day. After it, the stage gets its default (ratings.rules.ts defaultRating).
 */
export function ratingWindowCloses(opensAt: number): number {
  return shanghaiDayStart(opensAt) + 8 * DAY;
}

/** The stages a case of this channel can have: only a window receipt has a receipt stage. */
export function stagesFor(facts: CaseFacts): Stage[] {
  return facts.channel === "window" ? ["receipt", "completion"] : ["completion"];
}

/** Which events a case of this channel accepts; anything else is a caller's mistake. */
export function eventAllowed(facts: CaseFacts, type: EventType): boolean {
  if (type === "terminal_finished") return facts.channel === "terminal";
  return true;
}

function byTime(a: CaseEventFact, b: CaseEventFact): number {
  return (
    a.occurredAt - b.occurredAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}

function first(events: CaseEventFact[], type: EventType): CaseEventFact | undefined {
  return events.find((e) => e.type === type);
}

/**
 * The case as its events say, whatever order they arrived in: the result depends on the set of
 * events (sorted by when they happened), never on arrival order. Failures are final.
 */
export function deriveCase(facts: CaseFacts, unsorted: CaseEventFact[]): DerivedCase {
  const events = [...unsorted].sort(byTime);
  const received = first(events, "received");
  const receiptFailed = first(events, "receipt_failed");
  const acceptanceFailed = first(events, "acceptance_failed");
  const decided = first(events, "decided");
  const completion = completionEvent(facts, events, decided);
  const failed = Boolean(receiptFailed ?? acceptanceFailed);

  const status: CaseStatus = receiptFailed
    ? "receipt_failed"
    : acceptanceFailed
      ? "acceptance_failed"
      : completion
        ? "completed"
        : first(events, "certificate_issued")
          ? "certificate_issued"
          : decided
            ? "decided"
            : first(events, "accepted")
              ? "accepted"
              : "received";

  const stages = stagesFor(facts).map((stage): StageState => {
    const opener = stage === "receipt" ? received : completion;
    if (failed) return closedStage(stage, "not_open");
    if (!opener) return closedStage(stage, "pending");
    return {
      stage,
      status: "open",
      opensAt: opener.occurredAt,
      closesAt: ratingWindowCloses(opener.occurredAt),
      windowId: opener.windowId ?? null,
      staffId: opener.staffId ?? null,
    };
  });

  return {
    status,
    decision: decided?.decision ?? null,
    completedAt: failed ? null : (completion?.occurredAt ?? null),
    stages,
  };
}

function closedStage(stage: Stage, status: "pending" | "not_open"): StageState {
  return { stage, status, opensAt: null, closesAt: null, windowId: null, staffId: null };
}

/**
 * Article 18: terminal → the flow ended normally; no certificate → decided (incl. 不予许可 and 退件);
 * certificate needed → picked up and signed for. A refused or returned case needing a certificate
 * has no certificate to pick up, so its decision completes it.
 */
function completionEvent(
  facts: CaseFacts,
  events: CaseEventFact[],
  decided: CaseEventFact | undefined,
): CaseEventFact | undefined {
  if (facts.channel === "terminal") return first(events, "terminal_finished");
  if (!facts.needsCertificate) return decided;
  if (decided && decided.decision !== "approved") return decided;
  return first(events, "picked_up");
}

/**
 * Merges what the events say into what is stored: a rated or defaulted stage never changes,
 * a stage opens at most once (its window is fixed by the first opening), and a failure closes
 * any stage that was not rated yet.
 */
export function mergeStage(stored: StageState | undefined, derived: StageState): StageState {
  if (!stored) return derived;
  if (stored.status === "rated" || stored.status === "defaulted") return stored;
  if (derived.status === "not_open" || stored.status === "not_open")
    return { ...stored, status: "not_open" };
  if (stored.opensAt !== null) return stored;
  return derived;
}
