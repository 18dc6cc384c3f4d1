import { eq } from "drizzle-orm";

import { cases, hotlineCalls, ratings, workOrderResults, workOrders } from "../db/schema";
import type { Reader } from "../db/types";
import type { Deps } from "../server/deps";
import { recordHotlineRating } from "../server/hotline/hotline.service";
import { submitRating } from "../server/ratings/ratings.service";
import { parseScores } from "../server/ratings/scores";
import { type Level, LEVEL_SCORE, LEVELS } from "../server/ratings/vocabulary";
import { dayNumber } from "../server/stats/rollup.rules";
import { completedCase } from "./rating-fixtures";

const BAD: Level[] = ["unsatisfied", "very_unsatisfied"];
const score = (indicatorCode: string, level: Level) => ({
  indicatorCode,
  level,
  tagCodes: [],
  ...(BAD.includes(level) ? { text: "办理太慢" } : {}),
});

/** A completed window case rated now: overall, and the staff's two service indicators when given. */
export async function rateCase(
  deps: Deps,
  o: {
    overall: Level;
    attitude?: Level;
    ability?: Level;
    itemCode?: string;
    windowCode?: string;
    staffNo?: string;
    orgCode?: string;
    stage?: "receipt" | "completion";
  },
) {
  const c = await completedCase(deps, {
    case: {
      orgCode: o.orgCode ?? "440781",
      itemCode: o.itemCode ?? "ITEM-0001",
      windowCode: o.windowCode ?? "W01",
      staffNo: o.staffNo ?? "TS0001",
    },
  });
  const stage = o.stage ?? "completion";
  const scores = [
    ...(stage === "completion" ? [score("overall", o.overall)] : []),
    ...(o.attitude ? [score("svc.attitude", o.attitude)] : []),
    ...(o.ability ? [score("svc.ability", o.ability)] : []),
  ];
  const r = await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    { token: c.token, submissionId: `s-${c.serialNo}-${stage}`, stage, scores },
  );
  return { ...c, ratingId: r.ratingId };
}

let calls = 0;
export async function rateCall(deps: Deps, level: Level, operatorNo = "OP01") {
  calls += 1;
  return recordHotlineRating(deps, "test", {
    callId: `call-${Date.now()}-${calls}`,
    occurredAt: new Date(deps.clock.now()).toISOString(),
    operatorNo,
    channel: "phone",
    level,
    ...(BAD.includes(level) ? { text: "态度不好" } : {}),
    caller: { phone: "13900000000" },
  });
}

export type RecountGroup = {
  ratings: number;
  active: number;
  defaults: number;
  notAdopted: number;
  levels: Record<string, number>;
  sum: number;
  activeSum: number;
  wo: number[];
};
type G = RecountGroup;

/** The figures by a direct recount over the ratings themselves (no rollup), per SPEC §9's words. */
export async function recountFromRatings(
  db: Reader,
  fromDay: number,
  toDay: number,
  now: number,
  notAdopted: ReadonlySet<string>,
) {
  const rows = await db
    .select({
      r: ratings,
      orgId: cases.orgId,
      itemId: cases.itemId,
      operatorNo: hotlineCalls.operatorNo,
    })
    .from(ratings)
    .leftJoin(cases, eq(cases.id, ratings.caseId))
    .leftJoin(hotlineCalls, eq(hotlineCalls.callId, ratings.callId));
  const wos = await db.select({ wo: workOrders }).from(workOrders);
  const results = await db.select().from(workOrderResults);
  const worst = (ls: Level[]) =>
    ls.length ? ls.reduce((a, b) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a)) : null;
  const groups: Record<string, Map<string, G>> = {};
  const g = (by: string, key: string) => {
    const m = (groups[by] ??= new Map());
    return (
      m.get(key) ??
      m
        .set(key, {
          ratings: 0,
          active: 0,
          defaults: 0,
          notAdopted: 0,
          levels: {},
          sum: 0,
          activeSum: 0,
          wo: [0, 0, 0, 0],
        })
        .get(key)!
    );
  };
  const keysOf = new Map<string, Record<string, string>>();
  for (const { r, orgId, itemId, operatorNo } of rows) {
    const scores = parseScores(r.scores);
    const staffKey = r.staffId ?? (operatorNo ? `12345:${operatorNo}` : "");
    const keys = {
      org: orgId ?? "",
      item: itemId ?? "",
      window: r.windowId ?? "",
      staff: staffKey,
      channel: r.channel,
      day: String(dayNumber(r.createdAt)),
    };
    keysOf.set(r.id, keys);
    const day = dayNumber(r.createdAt);
    if (day < fromDay || day > toDay) continue;
    const whole = r.overallLevel ?? worst(scores.map((s) => s.level));
    const service = worst(
      scores.filter((s) => s.indicatorCode.startsWith("svc.")).map((s) => s.level),
    );
    const count = (x: G, level: Level) => {
      x.ratings += 1;
      x.levels[level] = (x.levels[level] ?? 0) + 1;
      x.sum += LEVEL_SCORE[level];
      if (r.source === "default") x.defaults += 1;
      else {
        x.active += 1;
        x.activeSum += LEVEL_SCORE[level];
      }
    };
    for (const by of ["org", "item", "channel", "day"] as const) {
      if (whole) count(g(by, keys[by]), whole);
      if (service && notAdopted.has(r.id)) g(by, keys[by]).notAdopted += 1;
    }
    for (const by of ["window", "staff"] as const) {
      if (!service) continue;
      if (notAdopted.has(r.id)) g(by, keys[by]).notAdopted += 1;
      else count(g(by, keys[by]), service);
    }
  }
  for (const { wo } of wos) {
    const day = dayNumber(wo.createdAt);
    if (day < fromDay || day > toDay) continue;
    const keys = keysOf.get(wo.ratingId)!;
    const closedAt = Math.max(
      0,
      ...results
        .filter((x) => x.workOrderId === wo.id && x.status === "closed")
        .map((x) => x.createdAt),
    );
    for (const by of ["org", "item", "window", "staff", "channel", "day"]) {
      const x = g(by, keys[by]!).wo;
      x[0]! += 1;
      if (wo.status === "closed") x[1]! += 1;
      if (wo.status === "closed" && closedAt > 0 && closedAt <= wo.dueAt) x[2]! += 1;
      if (wo.status !== "closed" && wo.status !== "not_adopted" && wo.dueAt < now) x[3]! += 1;
    }
  }
  return groups;
}
