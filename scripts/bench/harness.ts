import { spawn, type ChildProcess } from "node:child_process";
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

/** POSTs a fresh body per request at `connections` for `seconds`; bodies come from `makeBody`. */
export async function load(name: string, url: string, makeBody: () => string, headers: Record<string, string>, opts = { connections: 32, seconds: 10 }): Promise<LoadResult> {
  // warm-up: JIT, connection pools, the first lazy imports
  await autocannon({ url, method: "POST", connections: 8, duration: 2, headers, setupClient: (c) => c.setBody(makeBody()), requests: [{ setupRequest: (r) => ({ ...r, body: makeBody() }) }] });
  const r = await autocannon({
    url,
    method: "POST",
    connections: opts.connections,
    duration: opts.seconds,
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: makeBody() }) }],
  });
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
