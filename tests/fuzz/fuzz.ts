import fc from "fast-check";

import type { Target } from "./targets";

/*
 * Random requests against every v1 endpoint and every tRPC procedure (issue 17): arbitrary JSON,
 * wrong types, deep nesting, huge strings, unicode, random bytes, bad percent-encoding, with and
 * without keys and cookies. The answer must never be a 5xx, must carry the documented error
 * shape, and the server must still answer afterwards. Used by the HTTP test (a fixed seed, a
 * few hundred inputs) and by `npm run fuzz` (10 000+).
 */

export interface FuzzContext {
  base: string;
  /** cookie headers that sign in as someone (staff, bureau, a rater, an enrolled screen) */
  cookies: string[];
  /** bearer keys that pass (intake, hotline) */
  keys: string[];
  vocabulary: { keys: string[]; words: string[] };
  /** valid inputs of some targets (by target name), to mutate one field at a time: those reach the services */
  examples?: Record<string, unknown[]>;
}

export interface FuzzRequest {
  target: string;
  kind: Target["kind"];
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const BAD_PERCENT = [
  "%",
  "%zz",
  "%E0%A4%A",
  "%C0%AF",
  "%FF",
  "%ED%A0%80",
  "%%",
  "%u0041",
  "a%2",
  "%00",
  "..%2F..%2F",
  "%2e%2e",
  "%25zz",
];
const ODD = [
  "",
  " ",
  "0",
  "-1",
  "null",
  "true",
  "[]",
  "{}",
  "\u0000",
  "\uFEFF",
  "💥",
  "𠮷𠮷",
  "台城街道",
  "\u202Eevil",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "../../etc/passwd",
  "9".repeat(40),
];
const ODD_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

const ascii = (max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: max,
  });

function leaf(words: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 4, arbitrary: words.length ? fc.constantFrom(...words) : fc.string() },
    { weight: 3, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...ODD, ...ODD_NUMBERS) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 25_000 }).map((n) => "字".repeat(n)) },
  );
}

/** JSON-ish values whose object keys are mostly the schemas' own property names. */
function value(vocab: FuzzContext["vocabulary"]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 4, arbitrary: vocab.keys.length ? fc.constantFrom(...vocab.keys) : fc.string() },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const { v } = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf(vocab.words),
      fc.array(tie("v"), { maxLength: 6 }),
      fc.dictionary(key, tie("v"), { maxKeys: 8 }),
    ),
  }));
  return v;
}

type Path = (string | number)[];
const DROP = Symbol("drop");

function pathsOf(x: unknown, at: Path = []): Path[] {
  const here: Path[] = at.length ? [at] : [];
  if (Array.isArray(x)) return [...here, ...x.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (x && typeof x === "object")
    return [...here, ...Object.entries(x).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return here;
}

function replaced(x: unknown, path: Path, v: unknown): unknown {
  if (!path.length) return v;
  const [head, ...rest] = path;
  if (Array.isArray(x)) {
    const items = x as unknown[];
    return v === DROP && !rest.length
      ? items.filter((_, i) => i !== head)
      : items.map((e, i) => (i === head ? replaced(e, rest, v) : e));
  }
  const o = { ...(x as Record<string, unknown>) };
  if (v === DROP && !rest.length) delete o[head as string];
  else o[head as string] = replaced(o[head as string], rest, v);
  return o;
}

/** A valid input with one or two of its fields (at any depth) replaced by anything, or removed. */
function nearValid(examples: unknown[], vocab: FuzzContext["vocabulary"]): fc.Arbitrary<string> {
  const change = fc.oneof(
    { weight: 5, arbitrary: value(vocab) },
    { weight: 1, arbitrary: fc.constant<unknown>(DROP) },
  );
  return fc
    .constantFrom(...examples)
    .chain((ex) => {
      const paths = pathsOf(ex);
      if (!paths.length) return fc.constant(ex);
      return fc
        .array(fc.tuple(fc.constantFrom(...paths), change), { minLength: 1, maxLength: 2 })
        .map((cs) => cs.reduce((acc, [p, v]) => replaced(acc, p, v), ex));
    })
    .map((x) => JSON.stringify(x));
}

/** A body as text or bytes: JSON of any value, a schema-shaped object, deep nesting, huge, random bytes, broken JSON. */
function body(vocab: FuzzContext["vocabulary"]): fc.Arbitrary<string | Uint8Array | undefined> {
  const v = value(vocab);
  return fc.oneof(
    { weight: 8, arbitrary: v.map((x) => JSON.stringify(x) ?? "null") },
    {
      weight: 6,
      arbitrary: fc
        .dictionary(fc.constantFrom(...(vocab.keys.length ? vocab.keys : ["x"])), v, {
          minKeys: 1,
          maxKeys: 10,
        })
        .map((x) => JSON.stringify(x)),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 200_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100, max: 20_000 })
        .map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 60_000, max: 300_000 })
        .map((n) => JSON.stringify({ x: "x".repeat(n) })),
    },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3000 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"a":',
        "{not json",
        "\uFEFF{}",
        "",
        "   ",
        "1e999999",
        '"\\ud800"',
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{}}}',
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A path segment: plain, unicode, long, or not valid percent-encoding. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }).map(encodeURIComponent) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_PERCENT) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...BAD_PERCENT), fc.string({ maxLength: 5 }).map(encodeURIComponent))
      .map(([a, b]) => b + a),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 6000 }).map((n) => "A".repeat(n)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("TS0001", "W01", "T01", "440781", "SL2026030200001", "1", "-"),
  },
);

function headers(ctx: FuzzContext, kind: Target["kind"]): fc.Arbitrary<Record<string, string>> {
  const cookie = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    {
      weight: 4,
      arbitrary: ctx.cookies.length ? fc.constantFrom(...ctx.cookies) : fc.constant(undefined),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("hcp_staff", "hcp_rater", "hcp_device", "x"), ascii(300))
        .map(([k, v]) => `${k}=${v}`),
    },
  );
  const auth = fc.oneof(
    {
      weight: kind === "v1" ? 3 : 1,
      arbitrary: ctx.keys.length
        ? fc.constantFrom(...ctx.keys.map((k) => `Bearer ${k}`))
        : fc.constant(undefined),
    },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: ascii(200).map((s) => `Bearer ${s}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "Bearer",
        "Basic Zm9vOmJhcg==",
        "bearer demo-intake-key",
        "Bearer  demo-intake-key ",
      ),
    },
  );
  // mostly JSON, so that most bodies get past the content-type check to the parsers
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant("application/json") },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        "application/json; charset=utf-8",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/octet-stream",
      ),
    },
  );
  const forwarded = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: ascii(60) },
  );
  return fc
    .record({
      cookie,
      authorization: auth,
      "content-type": contentType,
      "x-forwarded-for": forwarded,
    })
    .map(
      (h) =>
        Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >,
    );
}

function v1Request(ctx: FuzzContext, t: Target): fc.Arbitrary<FuzzRequest> {
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => {
    let i = 0;
    const filled = t.path
      .replace(/\[\.\.\.[^\]]+\]/g, () => segs.join("/"))
      .replace(/\[[^\]]+\]/g, () => segs[i++ % segs.length]!);
    return filled;
  });
  const query = fc.oneof(
    { weight: 4, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `?${s.replace(/#/g, "")}`) },
  );
  const examples = ctx.examples?.[t.name];
  const anyBody = examples?.length
    ? fc.oneof(body(ctx.vocabulary), nearValid(examples, ctx.vocabulary))
    : body(ctx.vocabulary);
  return fc
    .tuple(path, query, headers(ctx, "v1"), t.method === "GET" ? fc.constant(undefined) : anyBody)
    .map(([p, q, h, b]) => ({
      target: t.name,
      kind: "v1" as const,
      method: t.method,
      url: `${ctx.base}${p}${q}`,
      headers: h,
      ...(b === undefined ? {} : { body: b }),
    }));
}

function trpcRequest(ctx: FuzzContext, t: Target): fc.Arbitrary<FuzzRequest> {
  const examples = ctx.examples?.[t.name];
  const input = examples?.length
    ? fc.oneof(body(ctx.vocabulary), nearValid(examples, ctx.vocabulary))
    : body(ctx.vocabulary);
  const shape = fc.constantFrom(
    "plain",
    "plain",
    "plain",
    "batch",
    "wrong-method",
    "garbled-path",
    "bad-query",
  );
  return fc
    .tuple(shape, input, headers(ctx, "trpc"), fc.constantFrom(...BAD_PERCENT))
    .map(([s, b, h, bad]) => {
      const text = b instanceof Uint8Array ? Buffer.from(b).toString("latin1") : (b ?? "");
      const batched = s === "batch";
      const inputJson = batched ? `{"0":${text || "null"}}` : text;
      const query = t.type === "query" || s === "wrong-method";
      const path = s === "garbled-path" ? `${t.path}${bad}` : t.path;
      const params = [
        batched ? "batch=1" : "",
        query && inputJson
          ? `input=${s === "bad-query" ? bad : encodeURIComponent(inputJson)}`
          : "",
      ]
        .filter(Boolean)
        .join("&");
      const method =
        s === "wrong-method"
          ? t.type === "query"
            ? "POST"
            : "GET"
          : t.type === "query"
            ? "GET"
            : "POST";
      return {
        target: t.name,
        kind: "trpc" as const,
        method,
        url: `${ctx.base}/api/trpc/${path}${params ? `?${params}` : ""}`,
        headers: h,
        ...(method === "POST" && b !== undefined ? { body: batched ? inputJson : b } : {}),
      };
    });
}

export function requestArbitrary(ctx: FuzzContext, targets: Target[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(...targets)
    .chain((t) => (t.kind === "v1" ? v1Request(ctx, t) : trpcRequest(ctx, t)));
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const HEADER_LIMIT = 16 * 1024;
const bodySize = (r: FuzzRequest) =>
  r.body === undefined
    ? 0
    : typeof r.body === "string"
      ? Buffer.byteLength(r.body)
      : r.body.byteLength;
const oversized = (r: FuzzRequest) =>
  r.url.length + JSON.stringify(r.headers).length > HEADER_LIMIT - 512;

/**
 * One request. A connection the server closed between two requests (keep-alive: the client may
 * reuse a socket the server just shut) is tried once more on a new one; a server that died would
 * fail that too, and the alive check after every chunk.
 */
export async function send(r: FuzzRequest, retried = false): Promise<Answer | { skipped: string }> {
  let res: Response;
  try {
    // a Blob: fetch detaches the ArrayBuffer of a typed-array body, and a small Buffer's is Node's shared pool
    res = await fetch(r.url, {
      method: r.method,
      headers: r.headers,
      ...(r.body === undefined
        ? {}
        : { body: typeof r.body === "string" ? r.body : new Blob([new Uint8Array(r.body)]) }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    if (
      !retried &&
      !oversized(r) &&
      bodySize(r) <= 64 * 1024 &&
      /other side closed|ECONNRESET|EPIPE/.test(
        `${String(e)} ${e instanceof Error ? String(e.cause) : ""}`,
      )
    )
      return send(r, true);
    // fetch itself refuses some inputs (a header that is not a byte string, a URL it cannot parse): nothing reached the server
    const why = `${e instanceof Error ? e.message : String(e)} ${e instanceof Error ? String(e.cause) : ""}`;
    if (
      e instanceof TypeError &&
      !/fetch failed|other side closed|ECONNRESET|EPIPE|socket/i.test(why)
    )
      return { skipped: e.message };
    // Node's HTTP parser closes the connection on a request line and headers over 16 KB (or answers 431): the server is fine
    if (/ECONNRESET|EPIPE|other side closed/.test(why) && (oversized(r) || bodySize(r) > 64 * 1024))
      return { status: -1, contentType: "", text: "connection closed on an oversized request" };
    throw new Error(
      `no answer to ${r.method} ${r.url.slice(0, 200)}: ${e instanceof Error ? `${e.message} ${String(e.cause)}` : String(e)}`,
    );
  }
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    text: await res.text(),
  };
}

const isString = (v: unknown): v is string => typeof v === "string";

/** What is wrong with an answer, or null. */
export function problem(r: FuzzRequest, a: Answer): string | null {
  if (a.status >= 500) return `HTTP ${a.status}`;
  // refused by Node's HTTP parser before any code of ours ran: a request line and headers over 16 KB
  if ((a.status === 431 || a.status === -1) && oversized(r)) return null;
  if (a.status === -1)
    return bodySize(r) > 64 * 1024 ? null : "the connection closed without an answer";
  if (/node_modules|\/work\/|\n\s+at [^\n]+:\d+:\d+/.test(a.text))
    return "a stack trace or a file path in the body";
  if (a.status < 400) return null;
  // Next's own 405 for a method a route does not export has no body: not ours to shape
  if (a.status === 405 && r.kind === "v1" && a.text === "") return null;
  // `..` segments are resolved by the URL itself: a request that left its API is only held to "no 5xx"
  const path = new URL(r.url).pathname;
  const kind =
    path.startsWith("/api/v1/") || path === "/api/v1"
      ? "v1"
      : path.startsWith("/api/trpc/")
        ? "trpc"
        : path.startsWith("/api/")
          ? "v1"
          : null;
  if (kind === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(a.text);
  } catch {
    return `a ${a.status} that is not JSON: ${a.text.slice(0, 80)}`;
  }
  if (kind === "v1") {
    const e = (json as { error?: { code?: unknown; message?: unknown } }).error;
    if (!e || !isString(e.code) || !isString(e.message) || Object.keys(json as object).length !== 1)
      return `not the v1 error shape: ${a.text.slice(0, 120)}`;
    return null;
  }
  for (const item of Array.isArray(json) ? json : [json]) {
    const e = (
      item as {
        error?: {
          message?: unknown;
          code?: unknown;
          data?: { code?: unknown; httpStatus?: unknown; stack?: unknown };
        };
      }
    ).error;
    if (!e) continue;
    if (
      !isString(e.message) ||
      typeof e.code !== "number" ||
      !isString(e.data?.code) ||
      typeof e.data.httpStatus !== "number"
    )
      return `not the tRPC error envelope: ${a.text.slice(0, 120)}`;
    if (e.data.stack !== undefined) return "a stack in the tRPC error";
  }
  return null;
}

export interface FuzzReport {
  seed: number;
  count: number;
  skipped: number;
  histogram: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  failures: { request: string; problem: string }[];
}

const describe = (r: FuzzRequest) => {
  const b =
    r.body === undefined
      ? ""
      : typeof r.body === "string"
        ? r.body
        : `<${r.body.byteLength} bytes>`;
  return `${r.target}: ${r.method} ${r.url.slice(0, 300)} headers=${JSON.stringify(r.headers).slice(0, 300)} body=${b.slice(0, 300)}${b.length > 300 ? `… (${b.length} chars)` : ""}`;
};

/**
 * Sends `count` generated requests, `concurrency` at a time, in chunks generated from the seed
 * (the same seed gives the same requests). `alive` is asked after every chunk.
 */
export async function fuzz(
  ctx: FuzzContext,
  targets: Target[],
  opts: {
    seed: number;
    count: number;
    concurrency?: number;
    alive: () => Promise<boolean>;
    progress?: (done: number) => void;
  },
): Promise<FuzzReport> {
  const arb = requestArbitrary(ctx, targets);
  const report: FuzzReport = {
    seed: opts.seed,
    count: 0,
    skipped: 0,
    histogram: {},
    byKind: { v1: {}, trpc: {} },
    failures: [],
  };
  const chunk = 250;
  for (let start = 0; start < opts.count; start += chunk) {
    const batch = fc.sample(arb, {
      seed: opts.seed + start,
      numRuns: Math.min(chunk, opts.count - start),
    });
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const r = batch[next++]!;
        const a = await send(r).catch((e: unknown) => ({
          status: 0,
          contentType: "",
          text: e instanceof Error ? e.message : String(e),
        }));
        if ("skipped" in a) {
          report.skipped += 1;
          continue;
        }
        report.count += 1;
        const key =
          a.status === 0 ? "no answer" : a.status === -1 ? "closed (oversized)" : String(a.status);
        report.histogram[key] = (report.histogram[key] ?? 0) + 1;
        const k = report.byKind[r.kind]!;
        k[key] = (k[key] ?? 0) + 1;
        const p = a.status === 0 ? `no answer: ${a.text}` : problem(r, a);
        if (p && report.failures.length < 50)
          report.failures.push({ request: describe(r), problem: p });
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 6 }, worker));
    if (!(await opts.alive())) {
      report.failures.push({
        request: `after ${start + batch.length} inputs`,
        problem: "the server stopped answering",
      });
      break;
    }
    opts.progress?.(start + batch.length);
  }
  return report;
}
