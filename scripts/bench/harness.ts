import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/seed";
import { createServer } from "node:net";
import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

export async function waitUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited`);
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not come up`);
}

export function startNext(port: number, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", NODE_OPTIONS: "--report-exclude-network", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn", PORT: String(port), ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export interface Req {
  body: string;
  headers?: Record<string, string>;
}

/** POSTs a fresh request (body, and headers if given) per call of `make`, 32 connections for 10 s after a warm-up. */
export async function load(name: string, url: string, make: () => string | Req, headers: Record<string, string>, opts = { connections: 32, seconds: 10 }): Promise<LoadResult> {
  const next = (r: autocannon.Request): autocannon.Request => {
    const m = make();
    const req = typeof m === "string" ? { body: m } : m;
    return { ...r, body: req.body, headers: { ...r.headers, ...req.headers } };
  };
  const common = { url, method: "POST" as const, headers: { "content-type": "application/json", ...headers }, requests: [{ setupRequest: next }] };
  // warm-up: JIT, connection pools, the first lazy imports
  await autocannon({ ...common, connections: 8, duration: 2 });
  const r = await autocannon({ ...common, connections: opts.connections, duration: opts.seconds });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

export function printTable(rows: LoadResult[]): void {
  console.log("\n| run | requests/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export const INTAKE_KEY = "demo-intake-key";

/** A fresh migrated, seeded database file in a clean folder. */
export async function freshDatabase(dir: string): Promise<{ database: Database; file: string }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/app.db`;
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  await seedDemo(database, { now: Date.now(), intakeKey: INTAKE_KEY, hotlineKey: "demo-hotline-key" });
  return { database, file };
}

/** Baseline: bare node:http + one durable libSQL insert of the same body per request. */
export async function bareBaseline(dir: string, makeBody: () => string | Req): Promise<LoadResult> {
  const port = await freePort();
  const bare = spawn(process.execPath, ["--import", "tsx", "scripts/bench/bare-server.ts", `${dir}/bare.db`, String(port)], { stdio: ["ignore", "ignore", "inherit"] });
  process.on("exit", () => bare.kill("SIGKILL"));
  await waitUp(`http://127.0.0.1:${port}/`, bare);
  const result = await load("bare node:http + libSQL insert (FULL)", `http://127.0.0.1:${port}/`, makeBody, {});
  await stop(bare);
  return result;
}

export interface WriterCounters {
  groups: number;
  writes: number;
}
export async function writerCounters(base: string): Promise<WriterCounters> {
  return (await (await fetch(`${base}/api/dev/writer`)).json()) as WriterCounters;
}

/** Prints the comparison lines and whether the targets hold; exits non-zero when they do not. */
export function verdict(subject: LoadResult, floor: LoadResult, bare: LoadResult, before: WriterCounters, after: WriterCounters, targets: { ratio: number; p99: number; perFsync?: number }): never {
  printTable([floor, subject, bare]);
  const writes = after.writes - before.writes;
  const groups = after.groups - before.groups;
  const ratio = subject.rps / floor.rps;
  const perFsync = groups ? writes / groups : 0;
  console.log(`\n${subject.name} / empty Next route = ${ratio.toFixed(2)}× (target ≥ ${targets.ratio.toFixed(2)}×)`);
  console.log(`${subject.name} / bare durable insert = ${(subject.rps / bare.rps).toFixed(2)}×`);
  console.log(`p50 = ${subject.p50} ms, p99 = ${subject.p99} ms (target ≤ ${targets.p99} ms)`);
  console.log(`writes per fsync = ${perFsync.toFixed(1)} (${writes} writes in ${groups} commits${targets.perFsync ? `; target ≥ ${targets.perFsync}` : ""})`);
  const ok = ratio >= targets.ratio && subject.p99 <= targets.p99 && (!targets.perFsync || perFsync >= targets.perFsync) && subject.non2xx === 0 && subject.errors === 0;
  console.log(ok ? "\nall targets met" : "\nTARGETS MISSED");
  process.exit(ok ? 0 : 1);
}
