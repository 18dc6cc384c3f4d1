import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { outbox, ratings, ratingStages } from "@/db/schema";
import type { Deps } from "@/server/deps";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { verifyChain } from "../ratings/chain";
import { submitRating } from "../ratings/ratings.service";
import { writeDefaults } from "./defaults.job";
import { sendReminders } from "./reminders.job";

const fresh = perTestDeps();
const person = (i: number) =>
  ({
    type: "person",
    name: `测试${i}`,
    idNumber: `44078119700101${String(i).padStart(4, "0")}`,
    phone: `1370000${String(i).padStart(4, "0")}`,
  }) as const;

async function manyCases(deps: Deps, n: number) {
  const out = [];
  for (let i = 0; i < n; i += 50)
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, n - i) }, (_, j) =>
          completedCase(deps, { case: { applicant: person(i + j) } }),
        ),
      )),
    );
  return out;
}

describe(
  "batched jobs: many stages per commit, every default chained and durable",
  { timeout: 30_000 },
  () => {
    test("250 cases (500 stages) default in writes of 100, chained in order; a second run finds nothing", async () => {
      const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
      await manyCases(deps, 250);
      clock.set("2026-03-10T00:00:00+08:00");
      const before = deps.database.writerStats();
      expect(await writeDefaults(deps, { batch: 100 })).toBe(500);
      const after = deps.database.writerStats();
      expect(after.writes - before.writes).toBe(6); // five full batches, and a sixth that found none left
      expect(after.syncs - before.syncs).toBeLessThanOrEqual(6);
      expect(await writeDefaults(deps)).toBe(0);
      expect(
        await deps.database.db.$count(ratingStages, eq(ratingStages.status, "defaulted")),
      ).toBe(500);
      expect(await deps.database.db.$count(ratings, eq(ratings.source, "default"))).toBe(500);
      expect(await verifyChain(deps.database.db)).toEqual({ count: 500, brokenAt: null });
    });

    test("a run's size cap leaves the rest for the next run", async () => {
      const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
      await manyCases(deps, 30);
      clock.set("2026-03-10T00:00:00+08:00");
      expect(await writeDefaults(deps, { batch: 7, max: 40 })).toBe(40);
      expect(await writeDefaults(deps, { batch: 7, max: 40 })).toBe(20);
      expect(await verifyChain(deps.database.db)).toEqual({ count: 60, brokenAt: null });
    });

    test("a citizen's rating made during a long run is written between two batches, not after the run", async () => {
      const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
      await manyCases(deps, 300);
      // a case completed on the 9th: still open on the 10th, while the others' windows have closed
      clock.set("2026-03-09T10:00:00+08:00");
      const open = await completedCase(deps, { case: { applicant: person(9999) } });
      clock.set("2026-03-10T00:00:00+08:00");
      const run = writeDefaults(deps, { batch: 20 });
      let runDone = false;
      void run.then(() => (runDone = true));
      await new Promise((r) => setImmediate(r)); // the run's first batch is queued
      const receipt = await submitRating(
        deps,
        { applicantId: open.applicantId, proof: "otp" },
        {
          token: open.token,
          submissionId: "during",
          stage: "completion",
          scores: [{ indicatorCode: "overall", level: "satisfied", tagCodes: [] }],
        },
      );
      expect(runDone).toBe(false);
      expect(await run).toBe(600);
      const [mine] = await deps.database.db
        .select({ seq: ratings.seq })
        .from(ratings)
        .where(eq(ratings.id, receipt.ratingId));
      expect(mine!.seq).toBeLessThan(100); // chained in among the first batches' defaults
      expect(await verifyChain(deps.database.db)).toEqual({ count: 601, brokenAt: null });
    });

    test("reminders: 130 due, queued 100 per commit, each once", async () => {
      const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
      await manyCases(deps, 130);
      clock.set("2026-03-03T10:00:00+08:00");
      const before = deps.database.writerStats();
      expect(await sendReminders(deps)).toBe(130);
      expect(deps.database.writerStats().writes - before.writes).toBe(2);
      expect(await sendReminders(deps)).toBe(0);
      expect(await deps.database.db.$count(outbox, eq(outbox.channel, "sms"))).toBe(130);
    });
  },
);
