import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";
import { verifyChain } from "@/server/ratings/chain";

import { DEMO_KEYS } from "../constants";
import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";

/**
 * ratings.submit has a static route of its own (server/trpc/submit.route.ts) in front of
 * the generic tRPC handler; `?batch=1` still reaches the generic one. Both must answer alike.
 */
describe("the ratings.submit route answers as the generic tRPC handler does", () => {
  let server: RunningServer;
  let database: Database;
  let rater: (i: number) => Promise<{ token: string; cookie: string }>;
  beforeAll(async () => {
    const file = copyTemplateDb();
    database = await openDatabase(`file:${file}`);
    const deps = depsOf(database, inject("dataKey"), systemClock);
    rater = (i) => signedInRater(deps, 9000 + i);
    server = await startServer({ databaseUrl: `file:${file}` });
  });
  afterAll(async () => {
    await server?.stop();
    database?.close();
  });

  const post = async (batch: boolean, body: string, cookie?: string) => {
    const res = await fetch(`${server.url}/api/trpc/ratings.submit${batch ? "?batch=1" : ""}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body,
    });
    const json = (await res.json()) as unknown;
    // a batch of one answers an array of one
    return { status: res.status, body: batch && Array.isArray(json) ? (json[0] as unknown) : json };
  };
  /** The same call both ways: the plain one, then as a batch of one. */
  const both = async (input: unknown, cookie?: string) => [
    await post(false, JSON.stringify(input), cookie),
    await post(true, JSON.stringify({ 0: input }), cookie),
  ];
  const scores = (level: string, tagCodes: string[] = []) => [
    { indicatorCode: "overall", level, tagCodes },
  ];

  test("no real-name session: 401 with the same refusal", async () => {
    const { token } = await rater(1);
    const [plain, batched] = await both({
      token,
      submissionId: "route-test-1",
      stage: "completion",
      scores: scores("satisfied"),
    });
    expect(plain!.status).toBe(401);
    expect(plain).toEqual(batched);
  });

  test("input that is not a submission: 400 with the same refusal", async () => {
    const { cookie } = await rater(2);
    const [plain, batched] = await both({ token: 5, stage: "later" }, cookie);
    expect(plain!.status).toBe(400);
    expect(plain).toEqual(batched);
  });

  test("article 11: 不满意 without a reason is refused alike, with the problems", async () => {
    const { token, cookie } = await rater(3);
    const [plain, batched] = await both(
      { token, submissionId: "route-test-3", stage: "completion", scores: scores("unsatisfied") },
      cookie,
    );
    expect(plain!.status).toBe(422);
    expect(plain).toMatchObject({
      body: {
        error: {
          data: { domainCode: "invalid", details: { problems: [{ problem: "needs_reason" }] } },
        },
      },
    });
    expect(plain).toEqual(batched);
  });

  test("a rating is stored once: the replay through the other route answers the first receipt", async () => {
    const { token, cookie } = await rater(4);
    const input = {
      token,
      submissionId: "route-test-4",
      stage: "completion",
      scores: scores("very_satisfied"),
    };
    const [first, replay] = await both(input, cookie);
    expect(first).toMatchObject({ status: 200, body: { result: { data: { replay: false } } } });
    expect(replay).toEqual({
      ...first,
      body: {
        result: {
          data: { ...(first!.body as { result: { data: object } }).result.data, replay: true },
        },
      },
    });
  });

  test("a body that is not JSON: 400 PARSE_ERROR, never a 5xx", async () => {
    const plain = await post(false, "{not json");
    expect(plain).toMatchObject({
      status: 400,
      body: { error: { data: { code: "PARSE_ERROR", httpStatus: 400, path: "ratings.submit" } } },
    });
    expect(JSON.stringify(plain.body)).not.toMatch(/stack|at \w+ \(/);
  });

  test("ratings sent at once share the writer's groups over HTTP: every one answered 200, one chain, no group replayed", async () => {
    // the app's modules are bundled once per layer: the writer's marks must reach the rating code across them
    const raters = await Promise.all(Array.from({ length: 30 }, (_, i) => rater(100 + i)));
    const replaysBefore = await replays();
    const answers = await Promise.all(
      raters.map((r, i) =>
        post(
          false,
          JSON.stringify({
            token: r.token,
            submissionId: `route-many-${i}`,
            stage: "completion",
            scores: scores("very_satisfied"),
          }),
          r.cookie,
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(raters.map(() => 200));
    const chain = await verifyChain(database.db);
    expect(chain.brokenAt).toBeNull();
    expect(await replays()).toBe(replaysBefore);
  });

  /** groups replayed with savepoints, from /api/metrics */
  const replays = async () => {
    const text = await (
      await fetch(`${server.url}/api/metrics`, {
        headers: { authorization: `Bearer ${DEMO_KEYS.metrics}` },
      })
    ).text();
    return Number(/^hcp_writer_replays_total (\S+)$/m.exec(text)?.[1] ?? NaN);
  };
});
