/**
 * npm run bench:jobs — article 17 default ratings for 100 000 expired stages, written by the job
 * in batches (DEFAULTS_PER_COMMIT stages per commit) against one commit per stage, on two copies
 * of one prepared database in the same run; and the latency of citizens' rating submissions made
 * while the batched run goes on (four raters of the city's cases, with its mix of levels, in the
 * same process, as the server's own job timer shares it with requests), against the same raters
 * with no job running. Afterwards each chain is verified. Targets: batched ≥ 10× one commit per stage; every submission answered;
 * their p99 during the run ≤ 2× their p99 with none.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

import { sql } from "drizzle-orm";

import { openDatabase } from "@/db/client";
import { fixedClock } from "@/server/clock";
import type { Deps } from "@/server/deps";
import { DEFAULTS_PER_COMMIT, writeDefaults } from "@/server/jobs/defaults.job";
import { verifyChain } from "@/server/ratings/chain";
import { submitRating } from "@/server/ratings/ratings.service";
import { depsOf } from "@/tests/db";
import { openDemoDatabase } from "@/tests/demo-db";

import { cityCompletedCase, cityScores } from "./bench/city-workload";

const DIR = ".tmp/bench-jobs";
const STAGES = Number(process.env.BENCH_STAGES ?? 100_000);
/** one commit per stage is slow by design: measured on the first this many stages (all by default) */
const PER_STAGE = Math.min(STAGES, Number(process.env.BENCH_PER_STAGE ?? STAGES));
/** the batch size to measure (the job's own by default): item 3 of issue 25 compares sizes */
const BATCH = Number(process.env.BENCH_BATCH ?? DEFAULTS_PER_COMMIT);
const RATERS = 4;
const THINK_MS = 10;
const CITIZEN_CASES = Number(process.env.BENCH_CITIZEN_CASES ?? 4000);
const T0 = Date.parse("2026-06-10T10:00:00+08:00");
const KEY = randomBytes(32).toString("base64");

type Rater = { applicantId: string; token: string };

async function prepare(file: string): Promise<Rater[]> {
  const database = await openDemoDatabase(`file:${file}`, T0 - 30 * 86400_000);
  const deps = depsOf(database, KEY, fixedClock(T0));
  const raters: Rater[] = [];
  for (let i = 0; i < CITIZEN_CASES; i += 200) {
    const made = await Promise.all(Array.from({ length: 200 }, () => cityCompletedCase(deps)));
    raters.push(...made.map((c) => ({ applicantId: c.applicantId, token: c.token })));
  }
  // the expired stages: STAGES / 2 completed cases whose two windows closed a day ago, made in SQL
  // (the job is what is measured, not the intake), with the codes of the cases made above. Their
  // ids sort in the order they were made, as real cases' and stages' ULIDs do ('bj-1', 'bj-10',
  // 'bj-2' would scatter every batch over the id indexes, which no real backlog does)
  const [t] = await database.db.all<{
    itemId: string;
    orgId: string;
    windowId: string;
    staffId: string;
    applicantId: string;
  }>(
    sql`select item_id as itemId, org_id as orgId, window_id as windowId, staff_id as staffId, applicant_id as applicantId from cases limit 1`,
  );
  const closed = T0 - 86400_000;
  const opened = closed - 7 * 86400_000;
  await database.write(async (tx) => {
    await tx.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${STAGES / 2})
      insert into cases (id, serial_no, item_id, org_id, channel, needs_certificate, window_id, staff_id, applicant_id, status, decision, completed_at, created_at, updated_at)
      select printf('bj-%08d', i), 'BJ' || i, ${t!.itemId}, ${t!.orgId}, 'window', 0, ${t!.windowId}, ${t!.staffId}, ${t!.applicantId}, 'completed', 'approved', ${opened}, ${opened}, ${opened} from n`);
    for (const stage of ["receipt", "completion"]) {
      await tx.run(sql`insert into rating_stages (id, case_id, stage, status, opens_at, closes_at, window_id, staff_id, updated_at)
        select id || '-' || ${stage}, id, ${stage}, 'open', ${opened}, ${closed}, window_id, staff_id, ${opened} from cases where id like 'bj-%'`);
    }
  });
  // the copies below take the database file alone: everything must be in it, not in the WAL
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  return raters;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
    : 0;
}

/** RATERS citizens submitting one after another (THINK_MS apart) until `stop` says so; each submission's latency in ms. */
async function citizens(
  deps: Deps,
  queue: Rater[],
  stop: () => boolean,
): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: RATERS }, async () => {
      while (!stop() && queue.length) {
        const r = queue.shift()!;
        const t = performance.now();
        try {
          await submitRating(
            deps,
            { applicantId: r.applicantId, proof: "otp" },
            {
              token: r.token,
              submissionId: `bj-${(n += 1)}`,
              stage: "completion",
              scores: [...cityScores()],
            },
          );
          latencies.push(performance.now() - t);
        } catch (e) {
          failed += 1;
          console.error(e instanceof Error ? e.message : e);
        }
        await new Promise((res) => setTimeout(res, THINK_MS));
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), failed };
}

async function timed(file: string, batch: number, max: number, raters?: Rater[]) {
  const database = await openDatabase(`file:${file}`);
  const deps = depsOf(database, KEY, fixedClock(T0));
  let quiet: Awaited<ReturnType<typeof citizens>> | undefined;
  if (raters) {
    const until = performance.now() + 3000;
    quiet = await citizens(deps, raters, () => performance.now() > until);
  }
  const groupsBefore = database.writerStats().groups;
  let done = false;
  const t = performance.now();
  const side = raters ? citizens(deps, raters, () => done) : undefined;
  const written = await writeDefaults(deps, { batch, max });
  const seconds = (performance.now() - t) / 1000;
  done = true;
  const during = await side;
  const commits = database.writerStats().groups - groupsBefore;
  const chain = await verifyChain(database.db);
  database.close();
  return { written, seconds, commits, chain, quiet, during };
}

async function main(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const source = `${DIR}/prepared.db`;
  const t = Date.now();
  const raters = await prepare(source);
  console.log(
    `prepared ${STAGES} expired stages and ${raters.length} open cases to rate in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  copyFileSync(source, `${DIR}/per-stage.db`);
  copyFileSync(source, `${DIR}/batched.db`);

  const single = await timed(`${DIR}/per-stage.db`, 1, PER_STAGE);
  console.log(
    `one commit per stage: ${single.written} defaults in ${single.seconds.toFixed(1)} s${PER_STAGE < STAGES ? ` (measured on ${PER_STAGE} of the ${STAGES} stages: all of them would take ≈ ${((STAGES / single.written) * single.seconds).toFixed(0)} s)` : ""}`,
  );
  const batched = await timed(`${DIR}/batched.db`, BATCH, STAGES, raters);

  const rate = (r: typeof single) => r.written / r.seconds;
  console.log(
    "\n| run | defaults | seconds | defaults/s | writer groups | chain |\n|---|---:|---:|---:|---:|---|",
  );
  for (const [name, r] of [
    ["one commit per stage", single],
    [`batched (${BATCH} per commit)`, batched],
  ] as const) {
    console.log(
      `| ${name} | ${r.written} | ${r.seconds.toFixed(1)} | ${rate(r).toFixed(0)} | ${r.commits} | ${r.chain.brokenAt === null ? `intact (${r.chain.count})` : `BROKEN at #${r.chain.brokenAt}`} |`,
    );
  }
  const ratio = rate(batched) / rate(single);
  const q = batched.quiet!;
  const d = batched.during!;
  console.log(`\nbatched / one commit per stage = ${ratio.toFixed(1)}× (target ≥ 10×)`);
  console.log(
    `rating submissions with no job running: ${q.latencies.length}, p50 ${percentile(q.latencies, 50).toFixed(1)} ms, p99 ${percentile(q.latencies, 99).toFixed(1)} ms`,
  );
  console.log(
    `rating submissions during the batched run: ${d.latencies.length}, p50 ${percentile(d.latencies, 50).toFixed(1)} ms, p99 ${percentile(d.latencies, 99).toFixed(1)} ms, max ${(d.latencies.at(-1) ?? 0).toFixed(1)} ms; ${d.failed + q.failed} failed`,
  );
  const p99Ratio = percentile(d.latencies, 99) / percentile(q.latencies, 99);
  console.log(`p99 during the run / p99 with none = ${p99Ratio.toFixed(2)}× (target ≤ 2×)`);
  const ok =
    ratio >= 10 &&
    p99Ratio <= 2 &&
    single.written === PER_STAGE &&
    batched.written === STAGES &&
    single.chain.brokenAt === null &&
    batched.chain.brokenAt === null &&
    d.failed + q.failed === 0 &&
    d.latencies.length > 0;
  console.log(ok ? "\nall targets met" : "\nTARGETS MISSED");
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
