import { randomBytes, randomInt } from "node:crypto";

import type { TCaseEvent } from "@/server/cases/cases.schema";
import { APPLICANT_NAMES, PLACES } from "@/server/demo/history-data";
import type { Deps } from "@/server/deps";
import { SESSION_COOKIE, signSession } from "@/server/identity/session";
import { isBad } from "@/server/ratings/vocabulary";
import { caseEvent, type EventOverrides } from "@/tests/factories";
import { completedCase } from "@/tests/rating-fixtures";

/**
 * The city's intake as DESIGN §10 says a benchmark must send it: about 4 in 5 cases a new
 * applicant (a valid ID number, a phone, a name of Taishan), the rest people who came before;
 * the demo's windows, staff, items and orgs in turn. One fixed applicant would skip the sealing,
 * the blind-index rows and the per-phone work a new person costs.
 */
export const WORKLOAD =
  "received events; 4 in 5 a new applicant, 1 in 5 one of 500 returning; 4 windows, 4 staff, 5 items, 3 orgs";

/** A mainland ID number with a valid check digit (GB 11643), born in Taishan: realistic, and nobody's. */
function idNumber(): string {
  const birth = `${randomInt(1940, 2005)}${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}`;
  const body = `440781${birth}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

const pick = <T>(xs: readonly T[]): T => xs[randomInt(0, xs.length)]!;

function newApplicant() {
  const name = pick(APPLICANT_NAMES.surnames) + pick(APPLICANT_NAMES.given);
  return {
    type: "person" as const,
    name,
    idNumber: idNumber(),
    phone: `1${pick(["35", "38", "39", "58", "86"])}${String(randomInt(0, 1e8)).padStart(8, "0")}`,
  };
}

const returning = Array.from({ length: 500 }, newApplicant);
let n = 0;

/** A case of the city's intake: a place in turn, 4 in 5 a new applicant. */
function cityCase(tag: string): NonNullable<EventOverrides["case"]> {
  const place = pick(PLACES);
  return {
    serialNo: `CY${tag}`,
    itemCode: pick(place.items),
    orgCode: place.orgCode,
    windowCode: place.windowCode,
    staffNo: place.staffNo,
    applicant: randomInt(0, 5) === 0 ? pick(returning) : newApplicant(),
  };
}

/** The next `received` event of the city's intake. */
export function cityCaseEvent(): TCaseEvent {
  n += 1;
  const tag = `${n}-${randomBytes(4).toString("hex")}`;
  return caseEvent({
    eventId: `city-${tag}`,
    occurredAt: new Date().toISOString(),
    case: cityCase(tag),
  });
}

/** The next `received` event's JSON body. */
export const cityEvent = (): string => JSON.stringify(cityCaseEvent());

export type Rater = { token: string; cookie: string };

/** A case of the city's intake (any place, mostly a new applicant) completed a minute ago, with its static code. */
export function cityCompletedCase(deps: Deps) {
  n += 1;
  return completedCase(deps, { case: cityCase(`${n}-${randomBytes(4).toString("hex")}`) });
}

/**
 * A rater as the city has them: a case of the city's intake (any place, mostly a new applicant)
 * completed a minute ago, its static code, and the real-name session the phone sends.
 */
export async function cityRater(deps: Deps): Promise<Rater> {
  const c = await cityCompletedCase(deps);
  const proof = { applicantId: c.applicantId, proof: "otp" } as const;
  return { token: c.token, cookie: `${SESSION_COOKIE}=${await signSession(deps, proof)}` };
}

/** `count` city raters, made 250 at a time. */
export async function cityRaters(deps: Deps, count: number): Promise<Rater[]> {
  const out: Rater[] = [];
  for (let start = 0; start < count; start += 250) {
    const batch = Array.from({ length: Math.min(250, count - start) }, () => cityRater(deps));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

export const RATING_WORKLOAD =
  "ratings of the completion stage, each by its own applicant: 85 % 非常满意, 10 % 满意, 4 % 基本满意, 1 % 不满意 with a reason (a work order)";

/** A rating as the rating page sends it, with the city's mix of levels. */
/** A completion rating's scores with the city's mix of levels; a 差评 gives its reason. */
export function cityScores() {
  const roll = randomInt(0, 100);
  const level =
    roll < 85 ? "very_satisfied" : roll < 95 ? "satisfied" : roll < 99 ? "basic" : "unsatisfied";
  const bad = isBad(level);
  return [
    {
      indicatorCode: "overall",
      level,
      tagCodes: bad ? ["overall.unsatisfied.1"] : [],
      ...(bad ? { text: "等候时间太长" } : {}),
    },
  ] as const;
}

export function cityRating(
  rater: Rater,
  submissionId: string,
): { body: string; headers: Record<string, string> } {
  const scores = cityScores();
  return {
    body: JSON.stringify({ token: rater.token, submissionId, stage: "completion", scores }),
    headers: { cookie: rater.cookie },
  };
}
