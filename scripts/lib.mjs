// Helpers for the two commands; plain Node so they run before anything is installed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Runs a step; a failing step stops everything. `quiet` when the step explains its own failure. */
export function run(cmd, args, opts = {}) {
  const { quiet, ...spawnOpts } = opts;
  const r = spawnSync(cmd, args, { stdio: "inherit", ...spawnOpts });
  if (r.status !== 0) {
    if (!quiet) console.error(`✗ ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function hashFile(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** npm ci when node_modules is missing or was installed from another lock file. */
export function ensureInstalled() {
  const stamp = "node_modules/.hcp-lock-hash";
  const want = hashFile("package-lock.json");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return false;
  console.log("→ installing dependencies (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
  writeFileSync(stamp, want);
  return true;
}

const BUILD_INPUTS = [
  "app",
  "server",
  "db",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function walk(path, out) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort())
      if (!name.endsWith(".test.ts")) walk(join(path, name), out);
  } else out.push(path);
}

export function sourceHash() {
  const files = [];
  for (const p of BUILD_INPUTS) walk(p, files);
  const h = createHash("sha256");
  for (const f of files) h.update(f).update(readFileSync(f));
  return h.digest("hex");
}

/** next build when there is no build or the sources changed since the last one. */
export function ensureBuilt() {
  const stamp = ".next/hcp-source-hash";
  const want = sourceHash();
  if (existsSync(".next/BUILD_ID") && existsSync(stamp) && readFileSync(stamp, "utf8") === want)
    return false;
  console.log("→ building (next build)");
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeFileSync(stamp, want);
  return true;
}

export const TSX = ["--import", "tsx", "--conditions=react-server"];
