import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { inject } from "vitest";
import { freePort, waitFor } from "./net";

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built app (`next start`) on a free loopback port against the given database,
 * the way `npm start` does, and waits until it answers.
 */
export async function startServer(opts: { databaseUrl: string; env?: Record<string, string> }): Promise<RunningServer> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no build: run `npm test` (it builds) or `npx next build`");
  const port = await freePort();
  let out = "";
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: "--report-exclude-network",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      HCP_DATA_KEY: inject("dataKey"),
      PORT: String(port),
      // the origin printed into QR codes: the codes a test decodes must open this server
      HCP_PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      return (await fetch(`${url}/api/v1/openapi.json`)).ok;
    }, `next start on ${port}`);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${out}`);
  }
  return {
    url,
    port,
    process: child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
