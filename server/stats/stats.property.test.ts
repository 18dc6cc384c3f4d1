import fc from "fast-check";
import { expect, test } from "vitest";

import { items, orgs, staff, windows, workOrders } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { rateCall, rateCase, recountFromRatings, type RecountGroup } from "@/tests/stats-fixtures";

import { recordWorkOrderResult } from "../hotline/hotline.service";
import { writeDefaults } from "../jobs/defaults.job";
import { type Level, LEVELS } from "../ratings/vocabulary";
import { DAY } from "../time/shanghai";
import { rebuildRollups, storedCells } from "./rebuild";
import { rollupServiceNotAdopted } from "./rollup";
import { dateDay, dayDate } from "./rollup.rules";
import { mean, rate } from "./stats.rules";
import { GROUP_BYS } from "./stats.schema";
import { ALL, statsFor } from "./stats.service";

const fresh = perTestDeps();
const level = fc.constantFrom(...LEVELS);

type Op =
  | {
      t: "case";
      overall: Level;
      attitude: Level | null;
      ability: Level | null;
      item: number;
      desk: number;
      receipt: boolean;
    }
  | { t: "call"; level: Level; op: number }
  | { t: "defaults" }
  | { t: "notAdopted"; pick: number }
  | { t: "result"; pick: number; status: "visited" | "closed" }
  | { t: "advance"; hours: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("case" as const),
      overall: level,
      attitude: fc.option(level),
      ability: fc.option(level),
      item: fc.nat(1),
      desk: fc.nat(1),
      receipt: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("call" as const), level, op: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.constant({ t: "defaults" as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("notAdopted" as const), pick: fc.nat(50) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("result" as const),
      pick: fc.nat(50),
      status: fc.constantFrom("visited" as const, "closed" as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("advance" as const),
      hours: fc.integer({ min: 1, max: 24 * 20 }),
    }),
  },
);

/**
 * SPEC §9 as a property: whatever sequence of ratings (window, receipt stage, 12345), defaults,
 * service parts not adopted on appeal and work-order results, every grouping the API answers
 * equals a direct recount from the ratings, and the rebuilt rollups equal the maintained ones.
 */
test(
  "random sequences: the API's figures equal a recount from the ratings, and rebuilt == maintained",
  { timeout: 300_000 },
  async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        runs += 1;
        const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
        const withService: string[] = [];
        const marked = new Set<string>();
        let results = 0;
        for (const o of ops) {
          if (o.t === "case") {
            const desk = o.desk
              ? { windowCode: "W02", staffNo: "TS0002" }
              : { windowCode: "W01", staffNo: "TS0001" };
            // a receipt stage rates service only, so it always gives at least 服务态度
            const attitude = o.receipt ? (o.attitude ?? o.overall) : o.attitude;
            const r = await rateCase(deps, {
              overall: o.overall,
              attitude: attitude ?? undefined,
              ability: o.ability ?? undefined,
              itemCode: o.item ? "ITEM-0002" : "ITEM-0001",
              stage: o.receipt ? "receipt" : "completion",
              ...desk,
            });
            if (attitude || o.ability) withService.push(r.ratingId);
          } else if (o.t === "call") {
            withService.push((await rateCall(deps, o.level, o.op ? "OP02" : "OP01")).ratingId);
          } else if (o.t === "defaults") {
            clock.advance(8 * DAY);
            await writeDefaults(deps);
          } else if (o.t === "notAdopted") {
            const left = withService.filter((id) => !marked.has(id));
            const id = left[o.pick % Math.max(1, left.length)];
            if (id) {
              await deps.database.write((tx) => rollupServiceNotAdopted(tx, id));
              marked.add(id);
            }
          } else if (o.t === "result") {
            const open = (
              await deps.database.db
                .select({ id: workOrders.id, status: workOrders.status })
                .from(workOrders)
            ).filter(
              (w) => w.status !== "closed" && !(w.status === "visited" && o.status === "visited"),
            );
            const w = open[o.pick % Math.max(1, open.length)];
            if (w)
              await recordWorkOrderResult(deps, "test", w.id, {
                resultId: `res-${(results += 1)}`,
                occurredAt: new Date(clock.now()).toISOString(),
                status: o.status,
                text: "已处理",
              });
          } else clock.advance(o.hours * 3600_000);
        }

        const from = "2026-03-01";
        const to = dayDate(
          Math.min(
            dateDay(from) + 365,
            dateDay(new Date(clock.now() + 8 * 3600_000).toISOString().slice(0, 10)) + 1,
          ),
        );
        const expected = await recountFromRatings(
          deps.database.db,
          dateDay(from),
          dateDay(to),
          clock.now(),
          marked,
        );
        const db = deps.database.db;
        const codes = new Map<string, string>();
        for (const t of [orgs, items, windows] as const)
          for (const r of await db.select({ id: t.id, code: t.code }).from(t))
            codes.set(r.id, r.code);
        for (const r of await db.select({ id: staff.id, code: staff.staffNo }).from(staff))
          codes.set(r.id, r.code);
        const codeOf = (by: string, k: string) =>
          by === "day"
            ? dayDate(Number(k))
            : by === "channel"
              ? k
              : k.startsWith("12345:")
                ? k.slice(6)
                : k === ""
                  ? by === "org"
                    ? "12345"
                    : "-"
                  : codes.get(k)!;

        for (const groupBy of GROUP_BYS) {
          const answer = await statsFor({ deps, scope: ALL }, { from, to, groupBy });
          const want = [...(expected[groupBy] ?? new Map<string, RecountGroup>()).entries()]
            .map(([k, g]) => ({
              key: codeOf(groupBy, k),
              ratings: g.ratings,
              active: g.active,
              defaults: g.defaults,
              notAdopted: g.notAdopted,
              levels: Object.fromEntries(LEVELS.map((l) => [l, g.levels[l] ?? 0])),
              average: mean(g.sum, g.ratings),
              averageActive: mean(g.activeSum, g.active),
              goodRate: rate(
                (g.levels.very_satisfied ?? 0) + (g.levels.satisfied ?? 0) + (g.levels.basic ?? 0),
                g.ratings,
              ),
              badRate: rate(
                (g.levels.unsatisfied ?? 0) + (g.levels.very_unsatisfied ?? 0),
                g.ratings,
              ),
              activeRate: rate(g.active, g.ratings),
              workOrders: {
                opened: g.wo[0] ?? 0,
                closed: g.wo[1] ?? 0,
                closedOnTime: g.wo[2] ?? 0,
                overdue: g.wo[3] ?? 0,
              },
            }))
            .filter((r) => r.ratings + r.notAdopted + r.workOrders.opened > 0)
            .sort((a, b) => (a.key < b.key ? -1 : 1));
          const got = answer.rows.map(({ name: _name, ...r }) => r);
          expect(got, `groupBy ${groupBy}`).toEqual(want);
        }
        const maintained = await storedCells(db);
        await rebuildRollups(deps.database, marked);
        expect(await storedCells(db)).toEqual(maintained);
        deps.database.close();
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? Date.now() % 100000), verbose: 1 },
    );
    expect(runs).toBeGreaterThanOrEqual(12);
  },
);
