import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";

import autocannon from "autocannon";

import type { Database } from "@/db/client";
import { openDemoDatabase } from "@/tests/demo-db";
import { startNext } from "@/tests/http-server";
import { freePort, spawnServer } from "@/tests/net";

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** requests answered in the measured run */
  total?: number;
  /** the app's CPU (user + system) per answered request in the measured run, µs */
  cpuUs?: number;
  /** of it, the app's main thread (the event loop); the rest is its other threads */
  cpuMainUs?: number;
  /** the load generator's own CPU (this process) per answered request, µs */
  loaderUs?: number;
  /** the measured run's start and end (monotonic µs), to cut a CPU profile to it */
  window?: [number, number];
}

export interface Req {
  body: string;
  headers?: Record<string, string>;
}

export interface LoadOpts {
  connections: number;
  seconds: number;
  /** connections of the 2-second warm-up (8) */
  warmup?: number;
  /** seconds before a request counts as an error (autocannon's 10) */
  timeout?: number;
  /** sees every answer of the measured run */
  onResponse?: (status: number, body: string) => void;
  /** the process under load: its CPU is read before and after the measured run */
  app?: { pid: number | undefined };
}

/** POSTs a fresh request (body, and headers if given) per call of `make`, 32 connections for 10 s after a warm-up. */
export async function load(
  name: string,
  url: string,
  make: () => string | Req,
  headers: Record<string, string>,
  opts: LoadOpts = { connections: 32, seconds: 10 },
): Promise<LoadResult> {
  const next = (r: autocannon.Request): autocannon.Request => {
    const m = make();
    const req = typeof m === "string" ? { body: m } : m;
    return { ...r, body: req.body, headers: { ...r.headers, ...req.headers } };
  };
  const common = {
    url,
    method: "POST" as const,
    headers: { "content-type": "application/json", ...headers },
    timeout: opts.timeout ?? 10,
  };
  // warm-up: JIT, connection pools, the first lazy imports
  await autocannon({
    ...common,
    requests: [{ setupRequest: next }],
    connections: opts.warmup ?? 8,
    duration: 2,
  });
  const onResponse = opts.onResponse
    ? (status: number, body: string) => opts.onResponse?.(status, body)
    : undefined;
  const cpu0 = cpuSeconds(opts.app?.pid);
  const main0 = cpuSeconds(opts.app?.pid, opts.app?.pid);
  const loader0 = process.cpuUsage();
  const t0 = monotonicUs();
  const r = await autocannon({
    ...common,
    requests: [{ setupRequest: next, onResponse }],
    connections: opts.connections,
    duration: opts.seconds,
  });
  const window: [number, number] = [t0, monotonicUs()];
  const cpu = cpuSeconds(opts.app?.pid) - cpu0;
  const main = cpuSeconds(opts.app?.pid, opts.app?.pid) - main0;
  const loader = process.cpuUsage(loader0);
  const per = (us: number) => us / (r.requests.total || 1);
  return {
    ...(opts.app && r.requests.total
      ? {
          cpuUs: per(cpu * 1e6),
          cpuMainUs: per(main * 1e6),
          loaderUs: per(loader.user + loader.system),
          window,
        }
      : {}),
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}

export function printTable(rows: LoadResult[]): void {
  console.log(
    "\n| run | requests/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|",
  );
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`,
    );
}

/** A fresh migrated, seeded database file in a clean folder. */
export async function freshDatabase(dir: string): Promise<{ database: Database; file: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/app.db`;
  return { database: await openDemoDatabase(`file:${file}`), file };
}

/**
 * A database as `npm start` leaves it, made by the script `npm start` runs (scripts/setup-db.ts):
 * migrated, the demo seeded, and its eight weeks of history, sealed under `key`.
 */
export function shippedDatabase(dir: string, key: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/app.db`;
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/setup-db.ts"],
    { env: { ...process.env, DATABASE_URL: `file:${file}`, HCP_DATA_KEY: key }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`setup-db failed: ${r.stderr || r.stdout}`);
  console.log(`database as npm start leaves it: ${r.stdout.trim().replaceAll("\n", "; ")}`);
  return file;
}

export interface App {
  base: string;
  pid: number | undefined;
  /** where the CPU profile goes when BENCH_PROFILE=1 */
  profileDir?: string;
  stop(): Promise<void>;
}

/**
 * The built app on a free port against `file`, run as `npm start` runs it: scripts/serve.mjs, the
 * job timer on, logging at its shipped level. BENCH_PROFILE=1 adds V8's `--cpu-prof`: the profile
 * is written when the server stops (scripts/bench/profile.ts reads it).
 */
export async function startApp(file: string, env: Record<string, string>): Promise<App> {
  const port = await freePort();
  const profileDir =
    process.env.BENCH_PROFILE === "1" ? resolve(`${dirname(file)}/prof`) : undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  // V8 refuses --cpu-prof in NODE_OPTIONS: it goes on the command line
  const prof = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const env0 = { DATABASE_URL: `file:${file}`, LOG_LEVEL: "info", ...env };
  // BENCH_NODE_ARGS: Node or V8 options for the server (a heap setting, say), to compare
  const extra = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const app = await startNext(port, env0, true, [...extra, ...prof]);
  process.on("exit", () => app.process.kill("SIGKILL"));
  const base = `http://127.0.0.1:${port}`;
  return { base, pid: app.process.pid, profileDir, stop: () => app.stop() };
}

/**
 * CPU seconds a process has used so far (user + system, from /proc); with `tid`, one thread's
 * (a process's main thread has its pid as its thread id).
 */
export function cpuSeconds(pid: number | undefined, tid?: number): number {
  if (pid === undefined) return 0;
  try {
    const stat = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
    const fields = readFileSync(stat, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CLOCK_MONOTONIC in µs: the clock of V8's profile timestamps, the same in every process */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Baseline: bare node:http + one durable libSQL insert of the same body per request. */
export async function bareBaseline(dir: string, makeBody: () => string | Req): Promise<LoadResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bare = await spawnServer(
    process.execPath,
    ["--import", "tsx", "scripts/bench/bare-server.ts", `${dir}/bare.db`, String(port)],
    {
      ready: url,
      what: "bare server",
    },
  );
  process.on("exit", () => bare.process.kill("SIGKILL"));
  const result = await load("bare node:http + libSQL insert (FULL)", url, makeBody, {});
  await bare.stop();
  return result;
}

export interface WriterCounters {
  groups: number;
  writes: number;
  /** the WAL checkpointer (db/checkpointer.ts) */
  checkpointer: { state: string; rounds: number } | null;
  /** the bulk insert worker (db/off-thread.ts) */
  offThread: { transactions: number; syncs: number } | null;
}
/** Where the WAL's checkpoints ran during a run. */
export function checkpointerLine(after: WriterCounters): string {
  const c = after.checkpointer;
  return c?.state === "running"
    ? `WAL checkpoints: on the worker thread (${c.rounds} rounds)`
    : `WAL checkpoints: inside COMMIT (checkpointer ${c?.state ?? "absent"})`;
}

export async function writerCounters(base: string): Promise<WriterCounters> {
  return (await (await fetch(`${base}/api/dev/writer`)).json()) as WriterCounters;
}

/**
 * Prints the comparison lines and whether the targets hold; exits non-zero when they do not. The
 * floor (a separate minimal Next app, scripts/bench/floor.ts) is measured before and after the
 * subject and the ratios taken against their mean: on this shared 2-core machine one 10-second
 * run of the empty route varied 630–980 req/s, and a single floor measured before the subject made
 * the ratio swing with whatever the machine did then. The p99 is judged the same way, relative to
 * the floor's in the same run: the absolute p99 is the machine's, not the product's.
 */
/** The app's CPU per request against the floor's, both from /proc over their measured runs. */
export function cpuLine(subject: LoadResult, floors: LoadResult[]): string {
  const f = floors.map((r) => r.cpuUs).filter((us): us is number => us !== undefined);
  if (subject.cpuUs === undefined || f.length === 0) return "CPU per request: not measured";
  const floorUs = f.reduce((a, b) => a + b, 0) / f.length;
  return `CPU per request (user + system, /proc): ${subject.cpuUs.toFixed(0)} µs; the floor's ${floorUs.toFixed(0)} µs (${(subject.cpuUs / floorUs).toFixed(2)}×)`;
}

export function verdict(
  subject: LoadResult,
  floors: [LoadResult, LoadResult],
  bare: LoadResult,
  before: WriterCounters,
  after: WriterCounters,
  targets: { ratio: number; p99Ratio: number; perFsync?: number },
): never {
  const [floorBefore, floorAfter] = floors;
  printTable([
    { ...floorBefore, name: `${floorBefore.name}, before` },
    subject,
    { ...floorAfter, name: `${floorAfter.name}, after` },
    bare,
  ]);
  const writes = after.writes - before.writes;
  const groups = after.groups - before.groups;
  const floorRps = (floorBefore.rps + floorAfter.rps) / 2;
  const floorP99 = (floorBefore.p99 + floorAfter.p99) / 2;
  console.log(
    `\nempty route of a minimal Next app, mean of the runs before and after = ${floorRps.toFixed(0)} req/s, p99 ${floorP99.toFixed(1)} ms`,
  );
  const ratio = subject.rps / floorRps;
  const p99Ratio = subject.p99 / floorP99;
  const perFsync = groups ? writes / groups : 0;
  console.log(
    `${subject.name} / floor = ${ratio.toFixed(2)}× (target ≥ ${targets.ratio.toFixed(2)}×)`,
  );
  console.log(`${subject.name} / bare durable insert = ${(subject.rps / bare.rps).toFixed(2)}×`);
  console.log(
    `p50 = ${subject.p50} ms, p99 = ${subject.p99} ms = ${p99Ratio.toFixed(2)}× the floor's p99 (target ≤ ${targets.p99Ratio}×)`,
  );
  console.log(
    `writes per fsync = ${perFsync.toFixed(1)} (${writes} writes in ${groups} commits${targets.perFsync ? `; target ≥ ${targets.perFsync}` : ""})`,
  );
  console.log(checkpointerLine(after));
  console.log(cpuLine(subject, floors));
  const ok =
    ratio >= targets.ratio &&
    p99Ratio <= targets.p99Ratio &&
    (!targets.perFsync || perFsync >= targets.perFsync) &&
    subject.non2xx === 0 &&
    subject.errors === 0;
  console.log(ok ? "\nall targets met" : "\nTARGETS MISSED");
  process.exit(ok ? 0 : 1);
}
