import type { Client, Transaction } from "@libsql/client";

/**
 * A libSQL server that does not answer (stopped, stalled, unreachable). Transports answer it as
 * 503 `unavailable` with Retry-After (SPEC §10), never as a 500; nothing of a write that failed
 * this way was acknowledged, so the client's retry with the same key finds it stored or not.
 */
const MARK = Symbol.for("hcp.database-unavailable");

/** When the database last failed to answer: scripts/serve.mjs turns a page's 500 after it into a 503. */
const LAST_UNAVAILABLE = Symbol.for("hcp.database-unavailable-at");

export class DatabaseUnavailable extends Error {
  readonly [MARK] = true;
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailable";
    (globalThis as Record<symbol, unknown>)[LAST_UNAVAILABLE] = Date.now();
  }
}

/**
 * Whether `e` or an error it wraps (Drizzle's "Failed query", tRPC's) is DatabaseUnavailable. By a
 * mark, not instanceof: Next bundles this module once per layer, and the client that threw may
 * come from another copy than the route that asks (server/deps.ts keeps one client per process).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let at = e, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    if ((at as unknown as Record<symbol, unknown>)[MARK] === true) return true;
  }
  return false;
}

/**
 * Round trips to a remote database: the times a caller waits on the network, read by
 * /api/metrics and the benches. A statement of a transaction sent while others of it are on
 * their way is not one more: over a WebSocket (`ws://`) it follows them on the open stream;
 * over HTTP the client sends statements made in the same tick as one request, and a later one
 * waits for a request of its own.
 */
export interface RoundTrips {
  count: number;
}

/**
 * Sockets that fail, and libSQL's own codes for a server gone away: its HTTP 5xx (SERVER_ERROR),
 * a closed or broken stream (HRANA_…), and a transaction whose stream died with the server
 * (TRANSACTION_CLOSED: its statements were not committed).
 */
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+|SERVER_ERROR|HRANA_CLOSED_ERROR|HRANA_WEBSOCKET_ERROR|TRANSACTION_CLOSED)$/;

/** An error that means "the server is not there" rather than "the statement was wrong". */
function isNetworkError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e instanceof TypeError && e.message === "fetch failed") return true;
  const code = (e as { code?: unknown }).code ?? (e.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && NETWORK_CODES.test(code)) return true;
  // sqld itself overloaded or restarting
  return /HTTP status 50[234]|WebSocket (was )?closed/i.test(e.message);
}

/**
 * Every call to the server, bounded: one that has no answer after `timeoutMs` rejects with
 * DatabaseUnavailable (the request is answered 503 in time; the call itself is abandoned), and a
 * network failure becomes one too. A rollback is not waited for: the server drops a transaction
 * whose stream went away.
 */
export function guardRemote(
  client: Client,
  opts: { timeoutMs: number; trips: RoundTrips; pipelined: boolean },
): Client {
  const call = <T>(what: string, run: () => Promise<T>, trip = true): Promise<T> => {
    if (trip) opts.trips.count += 1;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new DatabaseUnavailable(
              `the database did not answer ${what} within ${opts.timeoutMs} ms`,
            ),
          ),
        opts.timeoutMs,
      );
      run().then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(
            isNetworkError(e)
              ? new DatabaseUnavailable(`the database is unreachable (${what})`)
              : (e as Error),
          );
        },
      );
    });
  };
  type Method = (...args: unknown[]) => Promise<unknown>;
  /** `target` with each of its methods that `wrap` names replaced; the rest bound as they are. */
  const intercept = <T extends object>(
    target: T,
    wrap: (prop: string | symbol, fn: Method) => Method | undefined,
  ): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        const fn = (value as Method).bind(t);
        return wrap(prop, fn) ?? fn;
      },
    });
  const STATEMENTS = new Set<string | symbol>([
    "execute",
    "batch",
    "executeMultiple",
    "commit",
    "migrate",
  ]);
  const guardTx = (tx: Transaction): Transaction => {
    // what of this transaction is on its way: the statements in flight, and whether one was sent this tick
    let inFlight = 0;
    let sentThisTick = false;
    const joins = () => (opts.pipelined ? inFlight > 0 : sentThisTick);
    const send = (what: string, run: () => Promise<unknown>) => {
      const trip = !joins();
      inFlight += 1;
      if (!sentThisTick) queueMicrotask(() => (sentThisTick = false));
      sentThisTick = true;
      return call(what, run, trip).finally(() => (inFlight -= 1));
    };
    return intercept(tx, (prop, fn) => {
      if (STATEMENTS.has(prop)) return (...args) => send(String(prop), () => fn(...args));
      if (prop !== "rollback") return undefined;
      return () => {
        opts.trips.count += 1;
        void fn().catch(() => undefined);
        return Promise.resolve();
      };
    });
  };
  return intercept(client, (prop, fn) => {
    if (STATEMENTS.has(prop)) return (...args) => call(String(prop), () => fn(...args));
    // BEGIN travels with the transaction's first statement: no trip of its own
    if (prop === "transaction")
      return (...args) =>
        call("BEGIN", () => fn(...args) as Promise<Transaction>, false).then(guardTx);
    return undefined;
  });
}
