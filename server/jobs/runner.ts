import "server-only";

import { hostname } from "node:os";

import { endRunOutSessions } from "../auth/sessions.service";
import type { Deps } from "../deps";
import { findCoercion } from "../flags/flags.job";
import { newId } from "../ids";
import { log } from "../log";
import { metrics } from "../metrics/registry";
import { flagOverdue } from "./deadlines.job";
import { writeDefaults } from "./defaults.job";
import { deliver } from "./deliveries.job";
import { underLease } from "./lease";
import { sendReminders } from "./reminders.job";
import { erasePastRetention } from "./retention.job";
import { sendTaskSms } from "./tasks.job";

/** short, and renewed while a job runs: a killed process holds its jobs up for half a minute */
export const LEASE_MS = 30_000;

export const JOBS: { name: string; run: (deps: Deps) => Promise<unknown> }[] = [
  { name: "defaults", run: (deps) => writeDefaults(deps) },
  { name: "reminders", run: (deps) => sendReminders(deps) },
  { name: "deadlines", run: flagOverdue },
  { name: "task-sms", run: sendTaskSms },
  { name: "deliveries", run: (deps) => deliver(deps) },
  { name: "retention", run: (deps) => erasePastRetention(deps) },
  { name: "coercion", run: findCoercion },
  { name: "sessions", run: endRunOutSessions },
];

export const processHolder = `${hostname()}:${process.pid}:${newId()}`;

/** Runs every job once, each under its lease; a job another process holds is skipped. */
export async function runJobs(
  deps: Deps,
  holder = processHolder,
): Promise<Record<string, unknown>> {
  const report: Record<string, unknown> = {};
  for (const job of JOBS) {
    const timed = async () => {
      const done = metrics().jobSeconds.startTimer({ job: job.name });
      try {
        return await job.run(deps);
      } finally {
        done();
      }
    };
    try {
      const run = await underLease(deps, job.name, holder, { ttlMs: LEASE_MS }, timed);
      report[job.name] = run.held ? "held by another process" : run.value;
      if (!run.held) metrics().jobRuns.inc({ job: job.name, outcome: "ok" });
    } catch (e) {
      report[job.name] = `failed: ${e instanceof Error ? e.message : String(e)}`;
      metrics().jobRuns.inc({ job: job.name, outcome: "failed" });
      log().error({ job: job.name, err: e instanceof Error ? e.message : String(e) }, "job failed");
    }
  }
  return report;
}

/** The server runs the jobs by itself on a timer (SPEC §6); 0 turns it off. */
export function startJobTimer(deps: Deps, intervalMs: number): () => Promise<void> {
  if (intervalMs <= 0) return () => Promise.resolve();
  let run: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (run || stopped) return;
    run = runJobs(deps)
      .then(() => undefined)
      // a database that does not answer fails the run; the next tick tries again
      .catch((e: unknown) =>
        log().error({ err: e instanceof Error ? e.message : String(e) }, "job run failed"),
      )
      .finally(() => (run = null));
  };
  const every = setInterval(tick, intervalMs).unref();
  const first = setTimeout(tick, 2_000).unref();
  /** stops the timer; resolves when a run under way has finished (its leases released) */
  return async () => {
    stopped = true;
    clearInterval(every);
    clearTimeout(first);
    await run;
  };
}
