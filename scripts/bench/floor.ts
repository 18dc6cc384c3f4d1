import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { freePort, spawnServer } from "@/tests/net";

/**
 * The framework floor, outside the product: a separate minimal Next app of the product's Next
 * version whose one route parses the JSON body and answers. A route inside the product carries
 * the product's own per-request costs (its proxy, instrumentation, config), so it is no floor.
 * The bench writes the app under .tmp and builds it there (no network: `next` and `react` resolve
 * from the project's node_modules, a folder up); it rebuilds only when the sources or Next change.
 * It is built with webpack: Turbopack takes the project (the nearest lock file, two folders up) as
 * its root and bundled the product's instrumentation.ts into the floor.
 */
const DIR = resolve(".tmp/next-floor");
const NEXT_BIN = resolve("node_modules/next/dist/bin/next");

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "next-floor", private: true }, null, 2),
  "next.config.mjs": "export default {};\n",
  "app/layout.js":
    'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n',
  "app/api/noop/route.js": [
    "export async function POST(req) {",
    "  const body = await req.json();",
    "  return Response.json({ ok: body !== undefined });",
    "}",
    "export function GET() {",
    "  return Response.json({ ok: true });",
    "}",
    "",
  ].join("\n"),
};

function version(): string {
  return (JSON.parse(readFileSync("node_modules/next/package.json", "utf8")) as { version: string })
    .version;
}

function ensureFloorBuilt(): void {
  const stamp = join(DIR, ".floor-stamp");
  const want = JSON.stringify({ next: version(), bundler: "webpack", FILES });
  if (
    existsSync(join(DIR, ".next/BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === want
  )
    return;
  rmSync(DIR, { recursive: true, force: true });
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(DIR, name, ".."), { recursive: true });
    writeFileSync(join(DIR, name), text);
  }
  console.log(`→ building the framework floor: a minimal Next ${version()} app in ${DIR}`);
  const r = spawnSync(process.execPath, [NEXT_BIN, "build", "--webpack", DIR], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error("building the floor app failed");
  writeFileSync(stamp, want);
}

/** Builds (if needed) and starts the floor app on a free port; its POST route is `url`. */
export async function startFloor(): Promise<{
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}> {
  ensureFloorBuilt();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const floor = await spawnServer(
    process.execPath,
    [NEXT_BIN, "start", DIR, "-p", String(port), "-H", "127.0.0.1"],
    {
      ready: `${base}/api/noop`,
      what: "the floor app",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  process.on("exit", () => floor.process.kill("SIGKILL"));
  return { url: `${base}/api/noop`, pid: floor.process.pid, stop: () => floor.stop() };
}
