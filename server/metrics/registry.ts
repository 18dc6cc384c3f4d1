import { Counter, Gauge, Histogram, Registry } from "prom-client";

/*
 * The process's metrics (SPEC §10), one set per process: kept on globalThis because Next may load
 * a module once per bundle layer, and scripts/serve.mjs (the server itself) records the requests
 * into the same registry under the same names. Labels are codes only: a route's pattern, a status,
 * a job's or provider's name, an outbox channel. Never a path with an id, never PII or free text.
 */
export interface Metrics {
  registry: Registry;
  jobRuns: Counter<"job" | "outcome">;
  jobSeconds: Histogram<"job">;
  smsSent: Counter<"provider" | "result">;
  writerGroups: Counter;
  writerWrites: Counter;
  writerReplays: Counter;
  roundTrips: Counter;
  outbox: Gauge<"channel" | "status">;
  workOrders: Gauge<"state">;
}

const KEY = Symbol.for("hcp.metrics");
type Holder = { [KEY]?: Metrics; [SERVE_KEY]?: Registry };
/** The registry scripts/serve.mjs made, with the request histogram in it (absent under `next dev`). */
const SERVE_KEY = Symbol.for("hcp.metrics.registry");

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= make(holder[SERVE_KEY] ?? new Registry());
  return holder[KEY];
}

function make(registry: Registry): Metrics {
  const registers = [registry];
  return {
    registry,
    jobRuns: new Counter({
      name: "hcp_job_runs_total",
      help: "Job runs on this instance by outcome",
      labelNames: ["job", "outcome"],
      registers,
    }),
    jobSeconds: new Histogram({
      name: "hcp_job_duration_seconds",
      help: "Job run durations on this instance",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.25, 1, 5, 30, 120],
      registers,
    }),
    smsSent: new Counter({
      name: "hcp_sms_attempts_total",
      help: "SMS handed to a provider, by what it answered",
      labelNames: ["provider", "result"],
      registers,
    }),
    // counted by the writer and the database client themselves; copied in at each scrape
    writerGroups: new Counter({
      name: "hcp_writer_groups_total",
      help: "Write transactions committed by this instance's writer",
      registers,
    }),
    writerReplays: new Counter({
      name: "hcp_writer_replays_total",
      help: "Groups run again with a savepoint per write because a write failed after it wrote",
      registers,
    }),
    writerWrites: new Counter({
      name: "hcp_writer_writes_total",
      help: "Writes committed in those groups (writes per group = writes / groups)",
      registers,
    }),
    roundTrips: new Counter({
      name: "hcp_db_round_trips_total",
      help: "Calls to a remote database (each a network round trip); 0 on a file",
      registers,
    }),
    outbox: new Gauge({
      name: "hcp_outbox_messages",
      help: "Outbox messages waiting (pending) or given up (dead), by channel",
      labelNames: ["channel", "status"],
      registers,
    }),
    workOrders: new Gauge({
      name: "hcp_work_orders",
      help: "Work orders not ended (open) and of those past their deadline (overdue)",
      labelNames: ["state"],
      registers,
    }),
  };
}
