import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "@/db/client";
import { openApplicantPii } from "@/server/cases/applicant-pii";
import { systemClock } from "@/server/clock";
import type { Deps } from "@/server/deps";
import { SUITES } from "@/server/privacy/suite";
import { verifyChain } from "@/server/ratings/chain";

import { DEMO_KEYS } from "../constants";
import { copyTemplateDb, databaseBytes, depsOf, withSuite } from "../db";
import { caseEvent, hotlineCall } from "../factories";
import { refusedStart, type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";
import { v1 } from "./v1-client";

const PLANTED = {
  type: "person",
  name: "甄美玲",
  idNumber: "440781198808080026",
  phone: "13922223333",
} as const;
const CALLER = { name: "伍国栋", phone: "13711112222" };

/**
 * SPEC §8 (密评): the same v1 contract and rating path on a server started with HCP_CRYPTO=gm, a
 * representative part of the v1 suite rather than all of it twice, then the database file read
 * as a thief would: no planted PII, every sealed value SM4, the chain SM3.
 */
describe("HCP_CRYPTO=gm over HTTP", () => {
  let server: RunningServer;
  let database: Database;
  let deps: Deps;
  let file: string;
  beforeAll(async () => {
    file = copyTemplateDb();
    // a new database: the server's start records gm as its suite
    server = await startServer({
      databaseUrl: `file:${file}`,
      env: { HCP_CRYPTO: "gm", JOBS_INTERVAL_S: "0" },
    });
    database = await openDatabase(`file:${file}`);
    deps = withSuite(depsOf(database, inject("dataKey"), systemClock), "gm");
  });
  afterAll(async () => {
    await server?.stop();
    database?.close();
  });

  test("case events: stages open, a replay answers the first answer, another body is a 409, the case shows no PII", async () => {
    const api = v1(server.url);
    const received = caseEvent({ case: { applicant: { ...PLANTED } } });
    const first = await api.post("/api/v1/case-events", received);
    expect(first, JSON.stringify(first.body)).toMatchObject({
      status: 200,
      body: { status: "received" },
    });
    expect(await api.post("/api/v1/case-events", received)).toEqual(first);
    expect(
      (
        await api.post("/api/v1/case-events", {
          ...received,
          occurredAt: "2026-03-02T09:31:00+08:00",
        })
      ).status,
    ).toBe(409);
    const decided = caseEvent({
      type: "decided",
      decision: "approved",
      occurredAt: "2026-03-02T10:00:00+08:00",
      case: received.case,
    });
    const batch = await api.post("/api/v1/case-events/batch", {
      events: [decided, caseEvent({ case: { applicant: { ...PLANTED } } })],
    });
    expect(batch.body.results).toMatchObject([{ status: 200 }, { status: 200 }]);
    const view = await api.get(`/api/v1/cases/${received.case.serialNo}`);
    expect(view.body).toMatchObject({ status: "completed" });
    expect(JSON.stringify(view.body)).not.toContain(PLANTED.phone);
    expect(
      await api.post("/api/v1/qr-codes", { serialNo: received.case.serialNo, kind: "static" }),
    ).toMatchObject({ status: 200 });
  });

  test("12345: a bad call opens a work order, its replay answers alike, a result moves the order", async () => {
    const api = v1(server.url, DEMO_KEYS.hotline);
    const call = hotlineCall("gm-call-1", { caller: CALLER });
    const rated = await api.post("/api/v1/hotline/ratings", call);
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(await api.post("/api/v1/hotline/ratings", call)).toEqual(rated);
    const result = {
      resultId: "gm-res-1",
      occurredAt: "2026-03-03T10:00:00+08:00",
      status: "visited",
      verified: true,
      text: "已联系来电人",
    };
    const path = `/api/v1/hotline/work-orders/${rated.body.workOrderId as string}/results`;
    expect(await api.post(path, result)).toMatchObject({
      status: 200,
      body: { status: "visited" },
    });
  });

  test("a rater's rating through ratings.submit, with the phone's mark, is stored once", async () => {
    const { token, cookie } = await signedInRater(deps, 4242);
    const body = JSON.stringify({
      token,
      submissionId: "gm-submit-1",
      stage: "completion",
      scores: [{ indicatorCode: "overall", level: "satisfied", tagCodes: [] }],
    });
    const post = () =>
      fetch(`${server.url}/api/trpc/ratings.submit`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body,
      });
    const first = await post();
    expect(first.status, await first.clone().text()).toBe(200);
    expect(first.headers.get("set-cookie")).toMatch(/hcp_phone=/);
    expect(
      ((await (await post()).json()) as { result: { data: { replay: boolean } } }).result.data
        .replay,
    ).toBe(true);
  });

  test("the database holds SM4/SM3 only: no planted PII in the file or WAL, g1: values, an SM3 chain; a std start is refused", async () => {
    const sealed = await database.db.all<{ v: string }>(
      sql`select pii_enc as v from applicants union all select payload_enc from case_events union all select caller_phone_enc from hotline_calls
        union all select private_jwk_enc from signing_keys`,
    );
    expect(sealed.length).toBeGreaterThan(5);
    expect(sealed.filter((r) => !r.v.startsWith("g1:"))).toEqual([]);
    expect(openApplicantPii(deps.pii, sealed[0]!.v).name).toBe(PLANTED.name);
    const chain = await verifyChain(database.db);
    expect(chain).toMatchObject({ brokenAt: null });
    expect(chain.count).toBeGreaterThanOrEqual(2);
    expect(await verifyChain(database.db, 1000, SUITES.std)).toMatchObject({ brokenAt: 1 });
    const bytes = databaseBytes(file);
    for (const secret of [PLANTED.name, PLANTED.idNumber, PLANTED.phone, CALLER.name, CALLER.phone])
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(await refusedStart({ DATABASE_URL: `file:${file}`, HCP_CRYPTO: "std" })).toMatch(
      /Invalid setting HCP_CRYPTO: it is std, but this database holds values sealed under gm .* and never mixes suites/,
    );
    expect(server.output()).not.toMatch(/at .*\.js:\d+/);
  });
});
