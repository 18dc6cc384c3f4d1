// The production server: Next's request handler behind a node:http server of our own, so that
// the process knows its requests. It counts them by route and status for /api/metrics, and on
// SIGTERM it stops as SPEC §10 asks: /api/ready answers 503 at once, no new request is taken,
// those in flight are answered, the writer's queue is committed, and it exits 0 within 10 s.
// `next start` does none of that: it exits 143 with whatever its writer still held.
//
// node scripts/serve.mjs [--dev] -p <port> -H <host>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

import next from "next";
import { Histogram, Registry } from "prom-client";

import { hotRouteOf, serveHot } from "./serve-hot.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    dev: { type: "boolean" },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOST ?? "127.0.0.1";
const dev = values.dev ?? false;
/** Past this the stop gives up waiting (a request that never ends) and exits 1. */
const STOP_WITHIN_MS = 9500;

// shared with the app through globalThis (server/lifecycle.ts, server/metrics/registry.ts)
const lifecycle = { draining: false, onStop: [] };
globalThis[Symbol.for("hcp.lifecycle")] = lifecycle;
const registry = new Registry();
globalThis[Symbol.for("hcp.metrics.registry")] = registry;
const requests = new Histogram({
  name: "hcp_http_request_duration_seconds",
  help: "Requests answered by this instance, by route pattern, method and status",
  labelNames: ["route", "method", "status"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

process.env.PORT = String(port);
const app = next({ dev, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();
const routeOf = dev ? () => "other" : routeMatcher();

let inFlight = 0;
let drained = () => {};
const server = createServer((req, res) => {
  if (lifecycle.draining) {
    // stopping: not taken, and the connection is not kept
    res.writeHead(503, {
      "content-type": "application/json",
      "retry-after": "5",
      connection: "close",
    });
    res.end(
      JSON.stringify({
        error: { code: "unavailable", message: "this instance is stopping; retry on another" },
      }),
    );
    return;
  }
  inFlight += 1;
  const end = requests.startTimer();
  asUnavailable(res, Date.now());
  res.once("close", () => {
    end({
      route: routeOf(req.url ?? "/"),
      method: methodOf(req.method),
      status: String(res.statusCode),
    });
    inFlight -= 1;
    if (inFlight === 0) drained();
  });
  const hot = hotRouteOf(req);
  if (hot) void serveHot(hot, req, res, port);
  else void handle(req, res);
});
// `--dev`: the browser's hot reload speaks WebSocket
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▲ serving on http://${hostname}:${port}`));

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const t0 = Date.now();
  lifecycle.draining = true;
  console.log(`stopping on ${signal}: ${inFlight} request(s) in flight`);
  setTimeout(() => {
    console.error(`stop: ${inFlight} request(s) still open after ${STOP_WITHIN_MS} ms, exiting`);
    process.exit(1);
  }, STOP_WITHIN_MS).unref();
  // the port stays open while requests are in flight, answering 503 to new ones (a load balancer's
  // check of /api/ready among them) so none is refused unanswered; then it closes
  server.closeIdleConnections();
  if (inFlight > 0) await new Promise((resolve) => (drained = resolve));
  server.close();
  server.closeAllConnections();
  for (const hook of lifecycle.onStop) {
    try {
      await hook();
    } catch (e) {
      console.error(`stop: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  await app.close().catch(() => undefined);
  console.log(
    `stopped on ${signal} in ${Date.now() - t0} ms: every request in flight answered, the writer's queue committed`,
  );
  process.exit(0);
}
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => void stop(signal));

/**
 * A page that failed because the database did not answer (db/remote.ts notes when) is a 503 with
 * Retry-After, as the APIs answer, not a 500: the balancer and the phone both know to come back.
 * The APIs set their own status; this only changes a 500 of this request's lifetime.
 */
function asUnavailable(res, startedAt) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const at = globalThis[Symbol.for("hcp.database-unavailable-at")] ?? 0;
    if (status === 500 && at >= startedAt) {
      res.setHeader("retry-after", "5");
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
}

function methodOf(method) {
  return ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].includes(method)
    ? method
    : "other";
}

/** A request's route pattern from the build's manifest (/api/v1/cases/[serialNo]), never its path. */
function routeMatcher() {
  const manifest = JSON.parse(readFileSync(".next/routes-manifest.json", "utf8"));
  const exact = new Set(manifest.staticRoutes.map((r) => r.page));
  const patterns = manifest.dynamicRoutes.map((r) => ({
    page: r.page,
    regex: new RegExp(r.regex),
  }));
  return (url) => {
    const path = url.split("?")[0];
    if (path.startsWith("/_next/")) return "/_next";
    if (exact.has(path)) return path;
    return patterns.find((p) => p.regex.test(path))?.page ?? "other";
  };
}
