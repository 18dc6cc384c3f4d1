/**
 * npm run bench:scale — SPEC §10: intake and rating submission over one and over two instances
 * on one libSQL server (sqld), beside one instance on a `file:` database, in one run. Each
 * instance is the built app as `npm start` runs it (scripts/serve.mjs, jobs on); the load is the
 * city's (scripts/bench/city-workload.ts), 32 connections for 10 s (two instances: 16 each, at
 * once). Round trips and writes per commit come from each instance's /api/metrics. Submissions
 * go over `ws://` only (what the README tells a city to use; `http://` is measured for intake).
 */
import { randomBytes } from "node:crypto";

import { openDatabase, SERVING_TIMEOUT_MS } from "@/db/client";
import { systemClock } from "@/server/clock";
import { DEMO_KEYS } from "@/tests/constants";
import { depsOf } from "@/tests/db";
import { openDemoDatabase } from "@/tests/demo-db";
import { startNext } from "@/tests/http-server";
import { freePort } from "@/tests/net";
import { startSqld } from "@/tests/sqld";

import {
  cityEvent,
  cityRaters,
  cityRating,
  type Rater,
  RATING_WORKLOAD,
  WORKLOAD,
} from "./bench/city-workload";
import { cpuSeconds, freshDatabase, load, type LoadResult, type Req } from "./bench/harness";

const DIR = ".tmp/bench-scale";
const SECONDS = 10;
const key = randomBytes(32).toString("base64");
const auth = { authorization: `Bearer ${DEMO_KEYS.intake}` };

type Counters = { trips: number; groups: number; writes: number };

async function counters(base: string): Promise<Counters> {
  const text = await (
    await fetch(`${base}/api/metrics`, {
      headers: { authorization: `Bearer ${DEMO_KEYS.metrics}` },
    })
  ).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return {
    trips: value("hcp_db_round_trips_total"),
    groups: value("hcp_writer_groups_total"),
    writes: value("hcp_writer_writes_total"),
  };
}

/** The processes whose CPU a run counts: the app instances, and sqld when there is one. */
const watched: { apps: (number | undefined)[]; sqld?: number } = { apps: [] };

async function instance(
  databaseUrl: string,
): Promise<{ base: string; pid: number | undefined; stop(): Promise<void> }> {
  const port = await freePort();
  const app = await startNext(port, {
    DATABASE_URL: databaseUrl,
    HCP_DATA_KEY: key,
    LOG_LEVEL: "warn",
  });
  process.on("exit", () => app.process.kill("SIGKILL"));
  return { base: `http://127.0.0.1:${port}`, pid: app.process.pid, stop: () => app.stop() };
}

const refusals = new Map<string, string>();
type Row = LoadResult & {
  tripsPerEvent: number;
  writesPerCommit: number;
  appCpuMs: number;
  sqldCpuMs: number;
};

/** Raters ready to rate, each of their own completed case, made in the database the instances use. */
const RATERS = Number(process.env.BENCH_RATERS ?? 6000);

async function prepareRaters(url: string): Promise<Rater[]> {
  const database = await openDatabase(url, undefined, { timeoutMs: SERVING_TIMEOUT_MS * 10 });
  const deps = depsOf(database, key, systemClock, { publicUrl: "http://127.0.0.1" });
  const out = await cityRaters(deps, RATERS);
  database.close();
  return out;
}

/** Each rating by the next unused rater; past the last, a rater again (answered as a replay, counted). */
function ratingsOf(raters: Rater[]): { next: () => Req; used: () => number } {
  let n = 0;
  return {
    next: () => {
      const r = raters[n % raters.length]!;
      n += 1;
      return cityRating(r, `scale-${n}-${randomBytes(3).toString("hex")}`);
    },
    used: () => n,
  };
}

type Kind = { path: string; make: () => string | Req; headers: Record<string, string> };
const intake: Kind = { path: "/api/v1/case-events", make: cityEvent, headers: auth };
const submissions = (raters: Rater[]): Kind => ({
  path: "/api/trpc/ratings.submit",
  make: ratingsOf(raters).next,
  headers: {},
});

/** The same load split over the instances at once; their counters summed. */
async function measure(name: string, bases: string[], kind: Kind = intake): Promise<Row> {
  const before = await Promise.all(bases.map(counters));
  const cpu = () => ({
    app: watched.apps.reduce((t: number, p) => t + cpuSeconds(p), 0),
    sqld: cpuSeconds(watched.sqld),
  });
  const cpuBefore = cpu();
  const per = Math.floor(32 / bases.length);
  const runs = await Promise.all(
    bases.map((b, i) =>
      load(`${name} #${i + 1}`, `${b}${kind.path}`, kind.make, kind.headers, {
        connections: per,
        seconds: SECONDS,
        // what a refusal said, once a run: a figure with errors is not the figure
        onResponse: (status, body) =>
          status >= 300 &&
          !refusals.has(name) &&
          refusals.set(name, `${status} ${body.slice(0, 300)}`),
      }),
    ),
  );
  const after = await Promise.all(bases.map(counters));
  const cpuAfter = cpu();
  const sum = (f: (c: Counters) => number) =>
    after.reduce((s, c, i) => s + f(c) - f(before[i]!), 0);
  const total = runs.reduce((s, r) => s + (r.total ?? 0), 0);
  return {
    name,
    rps: runs.reduce((s, r) => s + r.rps, 0),
    // the slower instance's percentiles: what a client behind the balancer sees at worst
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
    total,
    tripsPerEvent: total ? sum((c) => c.trips) / total : NaN,
    writesPerCommit: sum((c) => c.groups) ? sum((c) => c.writes) / sum((c) => c.groups) : NaN,
    // CPU a request cost each side, warm-up included (its requests are not in `total`: an upper bound)
    appCpuMs: total ? ((cpuAfter.app - cpuBefore.app) * 1000) / total : NaN,
    sqldCpuMs: total ? ((cpuAfter.sqld - cpuBefore.sqld) * 1000) / total : NaN,
  };
}

async function main(): Promise<void> {
  console.log(`intake workload: ${WORKLOAD}`);
  console.log(`rating workload: ${RATING_WORKLOAD}; ${RATERS} raters prepared per run`);
  const rows: Row[] = [];
  const { database, file } = await freshDatabase(`${DIR}/file`);
  database.close();
  const fileRaters = await prepareRaters(`file:${file}`);
  const onFile = await instance(`file:${file}`);
  watched.apps = [onFile.pid];
  rows.push(await measure("intake: 1 instance, file:", [onFile.base]));
  rows.push(await measure("submit: 1 instance, file:", [onFile.base], submissions(fileRaters)));
  await onFile.stop();

  const sqld = await startSqld();
  watched.sqld = sqld.pid();
  (await openDemoDatabase(sqld.url)).close();
  for (const scheme of ["http", "ws"] as const) {
    // Hrana over HTTP (a request per statement) and over a WebSocket (one connection kept)
    const url = sqld.url.replace(/^http:/, `${scheme}:`);
    const raters = scheme === "ws" ? [await prepareRaters(url), await prepareRaters(url)] : [];
    const [a, b] = await Promise.all([instance(url), instance(url)]);
    watched.apps = [a.pid, b.pid];
    rows.push(await measure(`intake: 1 instance, sqld (${scheme})`, [a.base]));
    rows.push(await measure(`intake: 2 instances, one sqld (${scheme})`, [a.base, b.base]));
    if (raters[0] && raters[1]) {
      rows.push(
        await measure(`submit: 1 instance, sqld (${scheme})`, [a.base], submissions(raters[0])),
      );
      rows.push(
        await measure(
          `submit: 2 instances, one sqld (${scheme})`,
          [a.base, b.base],
          submissions(raters[1]),
        ),
      );
    }
    await Promise.all([a.stop(), b.stop()]);
  }
  await sqld.stop();

  console.log(
    "\n| run | requests/s | p50 ms | p99 ms | non-2xx | errors | round trips / request | writes / commit | app CPU ms / request | sqld CPU ms / request |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${r.tripsPerEvent.toFixed(1)} | ${r.writesPerCommit.toFixed(1)} | ${r.appCpuMs.toFixed(2)} | ${r.sqldCpuMs.toFixed(2)} |`,
    );
  for (const [name, said] of refusals) console.log(`${name}: first refusal: ${said}`);
  let ok = rows.every((r) => r.errors === 0 && r.non2xx === 0);
  for (const kind of ["intake", "submit"]) {
    const file1 = rows.find((r) => r.name === `${kind}: 1 instance, file:`)!;
    const two = rows
      .filter((r) => r.name.startsWith(`${kind}: 2 instances`))
      .sort((x, y) => y.rps - x.rps)[0]!;
    const ratio = two.rps / file1.rps;
    console.log(
      `\n${kind}: best two instances on sqld (${two.name}) / one instance on a file = ${ratio.toFixed(2)}× (target ≥ 1×)`,
    );
    console.log(
      `${kind}: round trips per request there = ${two.tripsPerEvent.toFixed(1)}${kind === "intake" ? " (target ≤ 3)" : ""}`,
    );
    ok &&= ratio >= 1 && (kind !== "intake" || two.tripsPerEvent <= 3);
  }
  console.log(ok ? "\nall targets met" : "\nTARGETS MISSED");
  process.exit(ok ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
