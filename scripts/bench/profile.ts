import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { type RawSourceMap, SourceMapConsumer } from "source-map-js";

/**
 * Reads the CPU profile V8 wrote for the server's main thread (`--cpu-prof`, BENCH_PROFILE=1) and
 * prints where the measured run's time went: the busy time per request and the top frames by
 * self time. Only the samples inside the run's window count (V8's timestamps and the bench's
 * `process.hrtime` are both CLOCK_MONOTONIC), so start-up, warm-up and the floor runs are left out.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Frame {
  /** what the code is: the source's function name and file, through the build's source maps */
  name: string;
  /** where it comes from: the product's own folder, a package, Node or V8 */
  area: string;
  ours: boolean;
}

const maps = new Map<string, SourceMapConsumer | null>();
function mapOf(path: string): SourceMapConsumer | null {
  if (!maps.has(path)) {
    const file = `${path}.map`;
    const raw = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RawSourceMap) : null;
    maps.set(path, raw ? new SourceMapConsumer(raw) : null);
  }
  return maps.get(path)!;
}

const PKG = /node_modules\/((?:@[^/]+\/)?[^/]+)/;
const frameCache = new Map<CallFrame, Frame>();
/** A frame of the profile, named after the source it was built from where the build kept a map. */
function frameOf(f: CallFrame): Frame {
  const hit = frameCache.get(f);
  if (hit) return hit;
  const fn = f.functionName || "(anonymous)";
  const path = f.url.replace(/^file:\/\//, "");
  const pkg = PKG.exec(path)?.[1];
  const at = path.includes("/.next/")
    ? mapOf(path)?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber })
    : null;
  const source = at?.source?.replace(/^(\.\.\/)+/, "").replace(/^\[project\]\//, "");
  let frame: Frame;
  if (!f.url) frame = { name: fn, area: "V8 / native", ours: false };
  else if (f.url.startsWith("node:")) frame = { name: `${fn} ${f.url}`, area: "node", ours: false };
  else if (pkg) frame = { name: `${fn} ${pkg}`, area: pkg, ours: false };
  else if (source) {
    const inPkg = PKG.exec(source)?.[1];
    const ours = !inPkg && /^(server|db|app)\//.test(source);
    const folder = ours ? `ours: ${source.split("/").slice(0, 2).join("/")}` : (inPkg ?? source);
    frame = { name: `${at?.name ?? fn} ${inPkg ?? source}:${at?.line ?? 0}`, area: folder, ours };
  } else {
    const name = `${fn} ${path.split("/").pop()}:${f.lineNumber + 1}`;
    frame = { name, area: "other", ours: false };
  }
  frameCache.set(f, frame);
  return frame;
}

const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

/** The main thread's profile in `dir` (file names end in .<pid>.<thread>.<seq>.cpuprofile). */
function mainThreadProfile(dir: string): Profile {
  const files = readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (files.length === 0) throw new Error(`no main-thread CPU profile in ${dir}`);
  return JSON.parse(readFileSync(join(dir, files.sort().at(-1)!), "utf8")) as Profile;
}

export interface ProfileSummary {
  busyUsPerRequest: number;
  frames: [string, number][];
}

export function summariseProfile(
  dir: string,
  window: [number, number],
  requests: number,
  title: string,
): ProfileSummary {
  const p = mainThreadProfile(dir);
  writeFileSync(join(dir, "window.json"), JSON.stringify({ window, requests }));
  const frames = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const ours = new Map<string, number>();
  const areas = new Map<string, number>();
  let t = p.startTime;
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    // a sample stands for the time until the next one
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t < window[0] || t > window[1]) continue;
    const c = frames.get(p.samples[i]!)!;
    if (c.functionName === "(idle)") continue;
    busy += dt;
    const f = frameOf(c);
    self.set(f.name, (self.get(f.name) ?? 0) + dt);
    areas.set(f.area, (areas.get(f.area) ?? 0) + dt);
    // inclusive time of the product's own functions (a recursive one counted once a sample)
    const seen = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const { name, ours: own } = frameOf(frames.get(id)!);
      if (!own) continue;
      if (!seen.has(name)) ours.set(name, (ours.get(name) ?? 0) + dt);
      seen.add(name);
    }
  }
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1)} %`;
  console.log(`\n${title}: main thread busy ${(busy / 1000).toFixed(0)} ms in the measured run`);
  console.log(`= ${(busy / requests).toFixed(0)} µs per request (${requests} requests)`);
  console.log("\n| self µs / request | share | frame |\n|---:|---:|---|");
  const frameRows = top(self, 10);
  for (const [name, us] of frameRows)
    console.log(`| ${(us / requests).toFixed(1)} | ${pct(us)} | \`${name}\` |`);
  console.log("\n| self µs / request | share | where the code comes from |\n|---:|---:|---|");
  for (const [name, us] of top(areas, 12))
    console.log(`| ${(us / requests).toFixed(1)} | ${pct(us)} | ${name} |`);
  console.log("\n| total µs / request | share | the product's own frame (with what it calls) |");
  console.log("|---:|---:|---|");
  for (const [name, us] of top(ours, Number(process.env.BENCH_PROFILE_ROWS ?? 15)))
    console.log(`| ${(us / requests).toFixed(1)} | ${pct(us)} | \`${name}\` |`);
  return { busyUsPerRequest: busy / requests, frames: frameRows };
}

// `node --import tsx scripts/bench/profile.ts <dir>`: the summary of a profile taken before
if (process.argv[1]?.endsWith("profile.ts") && process.argv[2]) {
  const dir = process.argv[2];
  const { window, requests } = JSON.parse(readFileSync(join(dir, "window.json"), "utf8")) as {
    window: [number, number];
    requests: number;
  };
  summariseProfile(dir, window, requests, dir);
}
