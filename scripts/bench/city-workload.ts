import { randomBytes, randomInt } from "node:crypto";

import { APPLICANT_NAMES, PLACES } from "@/server/demo/history-data";
import { isBad } from "@/server/ratings/vocabulary";
import { caseEvent } from "@/tests/factories";

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

/** The next `received` event's JSON body. */
export function cityEvent(): string {
  n += 1;
  const place = pick(PLACES);
  const tag = `${n}-${randomBytes(4).toString("hex")}`;
  return JSON.stringify(
    caseEvent({
      eventId: `city-${tag}`,
      occurredAt: new Date().toISOString(),
      case: {
        serialNo: `CY${tag}`,
        itemCode: pick(place.items),
        orgCode: place.orgCode,
        windowCode: place.windowCode,
        staffNo: place.staffNo,
        applicant: randomInt(0, 5) === 0 ? pick(returning) : newApplicant(),
      },
    }),
  );
}

export const RATING_WORKLOAD =
  "ratings of the completion stage, each by its own applicant: 85 % 非常满意, 10 % 满意, 4 % 基本满意, 1 % 不满意 with a reason (a work order)";

/** A rating as the rating page sends it, with the city's mix of levels. */
export function cityRating(
  rater: { token: string; cookie: string },
  submissionId: string,
): { body: string; headers: Record<string, string> } {
  const roll = randomInt(0, 100);
  const level =
    roll < 85 ? "very_satisfied" : roll < 95 ? "satisfied" : roll < 99 ? "basic" : "unsatisfied";
  const bad = isBad(level);
  const scores = [
    {
      indicatorCode: "overall",
      level,
      tagCodes: bad ? ["overall.unsatisfied.1"] : [],
      ...(bad ? { text: "等候时间太长" } : {}),
    },
  ];
  return {
    body: JSON.stringify({ token: rater.token, submissionId, stage: "completion", scores }),
    headers: { cookie: rater.cookie },
  };
}
