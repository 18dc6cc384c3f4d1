import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";
import type { Deps } from "@/server/deps";

import { DEMO_KEYS } from "../constants";
import { copyTemplateDb, depsOf } from "../db";
import { caseEvent } from "../factories";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";

/**
 * scripts/serve.mjs hands the busiest POSTs straight to their route handlers
 * (server/http/hot-routes.ts). A server with HCP_HOT_ROUTES=0 sends them through Next's router:
 * the two must answer every request alike — status, body and headers — so that leaving Next out
 * changes the cost and nothing else.
 */
describe("the hot routes answer as Next's router does", () => {
  let hot: RunningServer;
  let routed: RunningServer;
  const databases: Database[] = [];
  let deps: Deps[];

  beforeAll(async () => {
    const [a, b] = [copyTemplateDb(), copyTemplateDb()];
    for (const file of [a, b]) databases.push(await openDatabase(`file:${file}`));
    deps = databases.map((d) => depsOf(d, inject("dataKey"), systemClock));
    [hot, routed] = await Promise.all([
      startServer({ databaseUrl: `file:${a}` }),
      startServer({ databaseUrl: `file:${b}`, env: { HCP_HOT_ROUTES: "0" } }),
    ]);
  });
  afterAll(async () => {
    await hot?.stop();
    await routed?.stop();
    for (const d of databases) d.close();
  });

  /**
   * What a client can tell of an answer: status, the headers' names and values, the body (with
   * each database's own ids and each cookie's value as their shape).
   */
  async function answer(base: string, path: string, init: RequestInit) {
    const res = await fetch(`${base}${path}`, { method: "POST", ...init });
    const headers = Object.fromEntries(
      [...res.headers]
        .filter(([name]) => !TRANSPORT.has(name))
        .map(([name, value]) => [
          name,
          name === "set-cookie" ? value.replace(/=[^;]+/, "=…") : value,
        ]),
    );
    const body = (await res.text()).replace(/"caseId":"\w+"/g, '"caseId":"…"');
    return { status: res.status, headers, body, gzip: res.headers.get("content-encoding") };
  }
  /**
   * How the bytes travel is not the answer: the date, one length or chunks, and gzip (Next
   * compresses every answer, the hot routes those of 1 KiB and more; Next's `vary` names its
   * own router's headers besides Accept-Encoding).
   */
  const TRANSPORT = new Set([
    "date",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "vary",
  ]);

  async function alike(path: string, init: RequestInit) {
    const [a, b] = await Promise.all([answer(hot.url, path, init), answer(routed.url, path, init)]);
    expect({ ...a, gzip: null }).toEqual({ ...b, gzip: null });
    return a;
  }

  const intake = (body: string, headers: Record<string, string> = {}) => ({
    body,
    headers: {
      authorization: `Bearer ${DEMO_KEYS.intake}`,
      "content-type": "application/json",
      ...headers,
    },
  });

  test("case events: accepted, replayed, and every refusal in the API's error shape", async () => {
    const event = JSON.stringify(caseEvent());
    const [viaHot, viaNext] = await Promise.all([
      answer(hot.url, "/api/v1/case-events", intake(JSON.stringify(caseEvent()))),
      answer(routed.url, "/api/v1/case-events", intake(JSON.stringify(caseEvent()))),
    ]);
    // how to tell the paths apart: Next gzips even a short answer, the hot route does not
    expect([viaHot.status, viaHot.gzip, viaNext.status, viaNext.gzip]).toEqual([
      200,
      null,
      200,
      "gzip",
    ]);
    expect((await alike("/api/v1/case-events", intake(event))).status).toBe(200);
    expect((await alike("/api/v1/case-events", intake(event))).status).toBe(200);
    const refusals: [string, RequestInit, number][] = [
      ["not JSON", intake("{"), 400],
      ["empty", intake(""), 400],
      ["invalid", intake(JSON.stringify({ eventId: 1 })), 400],
      ["over 64 KiB", intake(JSON.stringify({ pad: "x".repeat(70_000) })), 413],
      ["no key", { body: event, headers: { "content-type": "application/json" } }, 401],
      ["another's key", intake(event, { authorization: `Bearer ${DEMO_KEYS.hotline}` }), 403],
    ];
    for (const [what, init, status] of refusals) {
      const a = await alike("/api/v1/case-events", init);
      expect({ what, status: a.status }).toEqual({ what, status });
      expect((JSON.parse(a.body) as { error: { code: string } }).error.code).toEqual(
        expect.any(String),
      );
    }
  });

  test("a batch: each event answered on its own; an oversized batch refused", async () => {
    const events = [...Array.from({ length: 7 }, () => caseEvent()), { ...caseEvent(), type: "x" }];
    const a = await alike("/api/v1/case-events/batch", intake(JSON.stringify({ events })));
    expect(a.status).toBe(200);
    expect(a.gzip).toBe("gzip"); // fetch asks for it; an answer this long travels compressed
    const huge = JSON.stringify({ events: [], pad: "x".repeat(4 * 1024 * 1024 + 10) });
    expect((await alike("/api/v1/case-events/batch", intake(huge))).status).toBe(413);
  });

  test("ratings.submit: a rating, its replay, and the refusals in tRPC's shape", async () => {
    // a rater of each database: the same person, each copy's own case and code
    const raters = await Promise.all(deps.map((d) => signedInRater(d, 9401)));
    const json = { "content-type": "application/json" };
    const rating = (token: string) =>
      JSON.stringify({
        token,
        submissionId: "hot-route-1",
        stage: "completion",
        scores: [{ indicatorCode: "overall", level: "very_satisfied", tagCodes: [] }],
      });
    /** each server with its own rater; a receipt's id and time are each database's own */
    const alikeFor = async (init: (r: { token: string; cookie: string }) => RequestInit) => {
      const [a, b] = await Promise.all(
        [hot, routed].map((s, i) => answer(s.url, "/api/trpc/ratings.submit", init(raters[i]!))),
      );
      const plain = (x: typeof a) => ({ ...x!, gzip: null, body: receiptless(x!.body) });
      expect(plain(a)).toEqual(plain(b));
      return a!;
    };
    const signedIn = (r: { token: string; cookie: string }) => ({
      body: rating(r.token),
      headers: { ...json, cookie: r.cookie },
    });
    expect((await alikeFor(signedIn)).status).toBe(200);
    const replay = await alikeFor(signedIn);
    expect(JSON.parse(replay.body)).toMatchObject({ result: { data: { replay: true } } });
    const refusals: [(r: { token: string; cookie: string }) => RequestInit, number][] = [
      [(r) => ({ body: rating(r.token), headers: json }), 401],
      [(r) => ({ body: "{", headers: { ...json, cookie: r.cookie } }), 400],
      [
        (r) => ({
          body: JSON.stringify({ pad: "x".repeat(70_000) }),
          headers: { cookie: r.cookie },
        }),
        413,
      ],
    ];
    for (const [init, status] of refusals) expect((await alikeFor(init)).status).toBe(status);
  });
});

/** A receipt with its id and time as their types: what differs between two databases. */
function receiptless(body: string): unknown {
  const json = JSON.parse(body) as { result?: { data?: Record<string, unknown> } };
  const data = json.result?.data;
  if (!data) return json;
  return {
    result: { data: { ...data, ratingId: typeof data.ratingId, createdAt: typeof data.createdAt } },
  };
}
