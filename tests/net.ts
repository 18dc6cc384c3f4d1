import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A free port on loopback, asked of the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface SpawnedServer {
  process: ChildProcess;
  /** everything it printed, stdout and stderr */
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a server process and waits until `ready` answers 2xx. A process that exits first fails
 * at once, and any failure carries what it printed (`echo` also passes its output through).
 */
export async function spawnServer(
  cmd: string,
  args: string[],
  opts: { ready: string; what: string; env?: NodeJS.ProcessEnv; echo?: boolean },
): Promise<SpawnedServer> {
  let out = "";
  const child = spawn(cmd, args, {
    env: opts.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  if (opts.echo) {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await waitFor(async () => child.exitCode !== null || (await fetch(opts.ready)).ok, opts.what);
    if (child.exitCode !== null) throw new Error(`${opts.what} exited with ${child.exitCode}`);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${out}`);
  }
  return {
    process: child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
