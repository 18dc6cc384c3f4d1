// npm start: install what is missing, migrate, seed the demo, build when stale, serve.
import { spawn } from "node:child_process";

import { ensureBuilt, ensureInstalled, run, TSX } from "./lib.mjs";

const t0 = Date.now();
ensureInstalled();
run(process.execPath, [...TSX, "scripts/setup-db.ts"], { quiet: true });
const dev = process.argv.includes("--dev");
if (!dev) ensureBuilt();

const port = process.env.PORT || "3000";
const host = process.env.HOST || "127.0.0.1";
console.log(
  `→ ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; serving on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
);
// our own node:http server around Next's handler: request metrics and a graceful stop (scripts/serve.mjs)
const child = spawn(
  process.execPath,
  ["scripts/serve.mjs", ...(dev ? ["--dev"] : []), "-p", port, "-H", host],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // loading libSQL's native module otherwise reverse-resolves every socket (DESIGN §6); a young
      // generation of 64 MiB: a batch of 500 events makes much short-lived garbage, and with
      // Node's default 16 MiB bench:bulk spent a sixth of the main thread in the scavenger
      // (33 µs an event; 22 with 64 MiB). tests/http-server.ts runs the server the same way
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ""} --report-exclude-network --max-semi-space-size=64`.trim(),
    },
  },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
