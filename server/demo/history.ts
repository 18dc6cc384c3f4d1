import "server-only";

import { and, eq, gte, lt } from "drizzle-orm";

import { accounts, calendarDays, cases, workOrders } from "@/db/schema";

import type { Scope } from "../access/scope";
import type { Actor } from "../audit/audit.service";
import type { TCaseEvent } from "../cases/cases.schema";
import { recordCaseEvent } from "../cases/cases.service";
import { fixedClock } from "../clock";
import type { Deps } from "../deps";
import { flagOverdue } from "../jobs/deadlines.job";
import { writeDefaults } from "../jobs/defaults.job";
import { publishMonth } from "../publication/publication.service";
import { mintCode } from "../qr/qr.service";
import { submitRating } from "../ratings/ratings.service";
import { isBad, type Level } from "../ratings/vocabulary";
import { DAY, shanghaiDate, shanghaiDayStart } from "../time/shanghai";
import { addDeskRecord, closeAtDesk } from "../workorders/desk.records";
import {
  APPLICANT_NAMES,
  BAD_REASONS,
  DESK_MEASURES,
  DESK_VISITS,
  type Place,
  PLACES,
} from "./history-data";

/** A small seeded generator (mulberry32), so every demo has the same history for the same seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
type Random = ReturnType<typeof random>;

/** A mainland ID number with a valid check digit (GB 11643), born in Taishan: realistic, and nobody's. */
function idNumber(r: Random): string {
  const birth = `${r.int(1940, 2004)}${String(r.int(1, 12)).padStart(2, "0")}${String(r.int(1, 28)).padStart(2, "0")}`;
  const body = `440781${birth}${String(r.int(0, 999)).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11]!;
}

/**
 * The published picture is nearly all good (Shenzhen 2024: 差评率 ≈ 0.015 %, REFERENCE.md); the
 * demo keeps about 2 % 差评 so the desk, the analysis and the appeals have something to show.
 */
function level(r: Random): Level {
  const x = r.next();
  return x < 0.68
    ? "very_satisfied"
    : x < 0.9
      ? "satisfied"
      : x < 0.98
        ? "basic"
        : x < 0.995
          ? "unsatisfied"
          : "very_unsatisfied";
}

const iso = (t: number) => new Date(t).toISOString();

interface Step {
  at: number;
  run: () => Promise<unknown>;
}

/**
 * Eight weeks of a plausible Taishan history for a new demo (`npm start` on an empty database):
 * cases at the four demo windows on every working day, rated on the phone or left to default,
 * the 差评 sent to the desk and most of them revisited and closed, and last month published. It
 * runs the real services on a clock moved through the weeks, so the chain, the rollups, the work
 * orders and the outbox are what they would be had it really happened.
 */
export async function seedHistory(
  deps: Omit<Deps, "clock">,
  opts: { now: number; days?: number; seed?: number },
): Promise<{ cases: number; ratings: number }> {
  const r = random(opts.seed ?? 440781);
  const clock = fixedClock(opts.now);
  const d: Deps = { ...deps, clock };
  const db = d.database.db;
  const today = shanghaiDayStart(opts.now);
  const first = today - (opts.days ?? 56) * DAY;
  const workdays = await db
    .select({ date: calendarDays.date })
    .from(calendarDays)
    .where(
      and(
        gte(calendarDays.date, shanghaiDate(first)),
        lt(calendarDays.date, shanghaiDate(today)),
        eq(calendarDays.workday, true),
      ),
    );
  const [bureau] = await db.select().from(accounts).where(eq(accounts.role, "bureau"));
  if (!bureau) throw new Error("the demo has no bureau account");
  const bureauActor: Actor = { id: bureau.id, name: bureau.displayName };
  const everything: Scope = { all: true, orgIds: null };

  let n = 0;
  let rated = 0;
  const steps: Step[] = [];
  for (const { date } of workdays) {
    const dayStart = Date.parse(`${date}T00:00:00+08:00`);
    for (const place of PLACES) {
      for (let k = r.int(place.perDay[0], place.perDay[1]); k > 0; k--) {
        n++;
        const receivedAt = dayStart + 9 * 3600_000 + r.int(0, 7 * 60) * 60_000;
        const decidedAt = receivedAt + r.int(8, 45) * 60_000;
        steps.push(
          ...caseSteps(
            d,
            r,
            place,
            {
              serialNo: `TS${date.replaceAll("-", "")}${String(n).padStart(4, "0")}`,
              receivedAt,
              decidedAt,
            },
            () => rated++,
          ),
        );
      }
    }
    // the jobs of that night: defaults of the stages whose window closed, overdue orders
    steps.push({
      at: dayStart + DAY + 30 * 60_000,
      run: () => writeDefaults(d).then(() => flagOverdue(d)),
    });
    // the desk works through the orders of a few days before
    steps.push({
      at: dayStart + 15 * 3600_000,
      run: () => deskDay(d, r, bureauActor, everything, dayStart),
    });
  }
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) {
    if (step.at >= opts.now) continue;
    clock.set(step.at);
    await step.run();
  }
  clock.set(opts.now);
  await writeDefaults(d);
  await flagOverdue(d);
  const lastMonth = shanghaiDate(
    Date.parse(`${shanghaiDate(opts.now).slice(0, 7)}-01T00:00:00+08:00`) - DAY,
  ).slice(0, 7);
  if (Date.parse(`${lastMonth}-01T00:00:00+08:00`) >= first)
    await publishMonth({ deps: d, actor: bureauActor }, lastMonth);
  return { cases: n, ratings: rated };
}

function caseSteps(
  d: Deps,
  r: Random,
  place: Place,
  c: { serialNo: string; receivedAt: number; decidedAt: number },
  counted: () => void,
): Step[] {
  const applicant = {
    type: "person" as const,
    name: `${r.pick(APPLICANT_NAMES.surnames)}${r.pick(APPLICANT_NAMES.given)}`,
    idNumber: idNumber(r),
    phone: `13${r.int(0, 9)}${String(r.int(0, 99_999_999)).padStart(8, "0")}`,
  };
  const data: TCaseEvent["case"] = {
    serialNo: c.serialNo,
    itemCode: r.pick(place.items),
    orgCode: place.orgCode,
    channel: "window",
    needsCertificate: false,
    windowCode: place.windowCode,
    staffNo: place.staffNo,
    applicant,
  };
  let applicantId: string | null = null;
  let token: string | null = null;
  const rate = (stage: "receipt" | "completion") => async () => {
    if (!applicantId || !token) return;
    const lv = level(r);
    const bad = isBad(lv);
    // at receipt only the service is rated (SPEC §4); a 差评 there is about the service
    const reason = bad
      ? r.pick(stage === "receipt" ? BAD_REASONS.filter((b) => b.service) : BAD_REASONS)
      : null;
    const service = {
      indicatorCode: "svc.attitude",
      level: lv,
      tagCodes: bad ? [`svc.attitude.${lv}.1`] : [],
    };
    const scores =
      stage === "receipt"
        ? [
            { ...service, ...(reason ? { text: reason.text } : {}) },
            { indicatorCode: "svc.ability", level: bad ? "basic" : lv, tagCodes: [] },
          ]
        : [
            {
              indicatorCode: "overall",
              level: lv,
              tagCodes: reason ? [`overall.${lv}.${reason.tag}`] : [],
              ...(reason ? { text: reason.text } : {}),
            },
            ...(!reason || reason.service ? [service] : []),
          ];
    await submitRating(
      d,
      { applicantId, proof: "otp" },
      {
        token,
        submissionId: `demo-${c.serialNo}-${stage}`,
        stage,
        scores,
        ...(bad && r.next() < 0.6 ? { contactConsent: true } : {}),
      },
    );
    counted();
  };
  const steps: Step[] = [
    {
      at: c.receivedAt,
      run: async () => {
        await recordCaseEvent(d, "demo", {
          eventId: `demo-${c.serialNo}-1`,
          occurredAt: iso(c.receivedAt),
          type: "received",
          case: data,
        });
        const [row] = await d.database.db
          .select({ applicantId: cases.applicantId })
          .from(cases)
          .where(eq(cases.serialNo, c.serialNo));
        applicantId = row?.applicantId ?? null;
        token = (await mintCode(d, { serialNo: c.serialNo, kind: "static" })).token;
      },
    },
    {
      at: c.decidedAt,
      run: () =>
        recordCaseEvent(d, "demo", {
          eventId: `demo-${c.serialNo}-2`,
          occurredAt: iso(c.decidedAt),
          type: "decided",
          decision: "approved",
          case: data,
        }),
    },
  ];
  // most people rate at once or not at all; the rest are left to article 17's default
  if (r.next() < 0.35)
    steps.push({ at: c.receivedAt + r.int(2, 6) * 60_000, run: rate("receipt") });
  if (r.next() < 0.6)
    steps.push({ at: c.decidedAt + r.int(1, 60 * 30) * 60_000, run: rate("completion") });
  return steps;
}

/** The desk's afternoon: orders 2 to 6 days old get their revisit, and most of those are closed. */
async function deskDay(d: Deps, r: Random, actor: Actor, scope: Scope, dayStart: number) {
  const open = await d.database.db
    .select({ id: workOrders.id, createdAt: workOrders.createdAt, status: workOrders.status })
    .from(workOrders)
    .where(and(eq(workOrders.status, "open"), lt(workOrders.createdAt, dayStart - 2 * DAY)));
  for (const wo of open) {
    if (r.next() < 0.25) continue; // left for later, some until overdue
    const verified = r.next() < 0.7;
    await addDeskRecord(
      { deps: d, actor, scope },
      {
        id: wo.id,
        visitText: r.pick(DESK_VISITS),
        verified,
        interviewed: verified && r.next() < 0.5,
        ...(verified ? { measures: r.pick(DESK_MEASURES) } : {}),
      },
    );
    if (r.next() < 0.85) await closeAtDesk({ deps: d, actor, scope }, { id: wo.id });
  }
}
