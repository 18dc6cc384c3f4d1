// The hot routes (server/http/hot-routes.ts): a node request handed to a route handler as a Web
// Request, its Response written back, with what Next would have given the handler: the
// x-forwarded-* headers it sets, the body (read here, up to the route's limit) and a signal that
// aborts when the client goes away.

import { promisify } from "node:util";
import { gzip } from "node:zlib";

const KEY = Symbol.for("hcp.hot-routes");
const GZIP_FROM = 1024;
const gzipped = promisify(gzip);

/** The hot route for this request, or undefined: POST, the exact path, no query string. */
export function hotRouteOf(req) {
  if (req.method !== "POST") return undefined;
  const routes = globalThis[KEY];
  return routes ? routes[req.url] : undefined;
}

export async function serveHot(route, req, res, port) {
  let response;
  try {
    const body = await readUpTo(req, route.maxBytes);
    response = body ? await route.handle(toRequest(req, body, res, port)) : route.tooLarge();
  } catch (e) {
    // the handlers answer their own errors; this is a body that broke off (the client left)
    if (res.destroyed) return;
    console.error(`hot route ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
    response = Response.json(
      { error: { code: "internal", message: "something went wrong; retry later" } },
      { status: 500 },
    );
  }
  const headers = {};
  for (const [name, value] of response.headers) if (name !== "set-cookie") headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  let bytes = Buffer.from(await response.arrayBuffer());
  // as Next compresses: a batch's answer (hundreds of results) travels gzipped when the client
  // takes it; an answer of a few hundred bytes is not worth the CPU
  if (bytes.length >= GZIP_FROM && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    bytes = await gzipped(bytes);
    headers["content-encoding"] = "gzip";
    headers.vary = "Accept-Encoding";
  }
  headers["content-length"] = String(bytes.length);
  res.writeHead(response.status, headers);
  res.end(bytes);
}

/** The body, or null past `max` bytes (read to its end, so the connection stays usable). */
function readUpTo(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > max ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function toRequest(req, body, res, port) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  // as Next's server sets them for its handlers (next/dist/server/base-server.js)
  const https = (req.headers["x-forwarded-proto"] ?? "") === "https" || !!req.socket.encrypted;
  setIfAbsent(headers, "x-forwarded-host", req.headers.host ?? "localhost");
  setIfAbsent(headers, "x-forwarded-port", String(port));
  setIfAbsent(headers, "x-forwarded-proto", https ? "https" : "http");
  if (req.socket.remoteAddress) setIfAbsent(headers, "x-forwarded-for", req.socket.remoteAddress);
  const aborted = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: "POST",
    headers,
    body,
    signal: aborted.signal,
  });
}

function setIfAbsent(headers, name, value) {
  if (!headers.has(name)) headers.set(name, value);
}
