import "server-only";
import { hostname } from "node:os";
import type { Deps } from "../deps";
import { newId } from "../ids";
import { log } from "../log";
import { findCoercion } from "../flags/flags.job";
import { flagOverdue } from "./deadlines.job";
import { writeDefaults } from "./defaults.job";
import { deliver } from "./deliveries.job";
import { acquireLease, releaseLease } from "./lease";
import { sendReminders } from "./reminders.job";
import { erasePastRetention } from "./retention.job";
import { sendTaskSms } from "./tasks.job";

const LEASE_MS = 5 * 60_000;

export const JOBS: { name: string; run: (deps: Deps) => Promise<unknown> }[] = [
  { name: "defaults", run: (deps) => writeDefaults(deps) },
  { name: "reminders", run: (deps) => sendReminders(deps) },
  { name: "deadlines", run: flagOverdue },
  { name: "task-sms", run: sendTaskSms },
  { name: "deliveries", run: (deps) => deliver(deps) },
  { name: "retention", run: (deps) => erasePastRetention(deps) },
  { name: "coercion", run: findCoercion },
];

export const processHolder = `${hostname()}:${process.pid}:${newId()}`;

/** Runs every job once, each under its lease; a job another process holds is skipped. */
export async function runJobs(deps: Deps, holder = processHolder): Promise<Record<string, unknown>> {
  const report: Record<string, unknown> = {};
  for (const job of JOBS) {
    if (!(await acquireLease(deps, job.name, holder, LEASE_MS))) {
      report[job.name] = "held by another process";
      continue;
    }
    try {
      report[job.name] = await job.run(deps);
    } catch (e) {
      report[job.name] = `failed: ${e instanceof Error ? e.message : String(e)}`;
      log().error({ job: job.name, err: e instanceof Error ? e.message : String(e) }, "job failed");
    } finally {
      await releaseLease(deps, job.name, holder);
    }
  }
  return report;
}

/** The server runs the jobs by itself on a timer (SPEC §6); 0 turns it off. */
export function startJobTimer(deps: Deps, intervalMs: number): void {
  if (intervalMs <= 0) return;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runJobs(deps)
      .catch((e: unknown) => log().error({ err: e instanceof Error ? e.message : String(e) }, "job run failed"))
      .finally(() => (running = false));
  };
  setInterval(tick, intervalMs).unref();
  setTimeout(tick, 2_000).unref();
}
