import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DEMO_KEYS } from "../constants";
import { copyTemplateDb } from "../db";
import { caseEvent } from "../factories";
import { type RunningServer, startServer } from "../http-server";
import { v1 } from "./v1-client";

/** SPEC §10: what a load balancer and IT's Prometheus ask of an instance. */
describe("health, readiness and metrics", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      databaseUrl: `file:${copyTemplateDb()}`,
      env: { JOBS_INTERVAL_S: "0" },
    });
  });
  afterAll(async () => server?.stop());

  test("health answers without the database; ready names the database and the migrations", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ db: "ok", migrations: "current" });
  });

  test("metrics need a key of scope metrics: none is 401, another scope's 403, both in the error shape", async () => {
    const none = await fetch(`${server.url}/api/metrics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "unauthenticated" } });
    const intake = await fetch(`${server.url}/api/metrics`, {
      headers: { authorization: `Bearer ${DEMO_KEYS.intake}` },
    });
    expect(intake.status).toBe(403);
    expect(await intake.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  test("the Prometheus text counts requests by route pattern and status, the writer, the outbox and the orders, with no PII and no path", async () => {
    const e = caseEvent({
      case: {
        applicant: {
          type: "person",
          name: "甄美玲",
          idNumber: "440781198808080026",
          phone: "13922223333",
        },
      },
    });
    expect((await v1(server.url).post("/api/v1/case-events", e)).status).toBe(200);
    expect((await v1(server.url).get(`/api/v1/cases/${e.case.serialNo}`)).status).toBe(200);
    expect((await v1(server.url).get(`/api/v1/cases/NO-SUCH-${e.case.serialNo}`)).status).toBe(404);
    const res = await fetch(`${server.url}/api/metrics`, {
      headers: { authorization: `Bearer ${DEMO_KEYS.metrics}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /hcp_http_request_duration_seconds_count\{route="\/api\/v1\/case-events",method="POST",status="200"\} 1/,
    );
    expect(text).toMatch(
      /hcp_http_request_duration_seconds_count\{route="\/api\/v1\/cases\/\[serialNo\]",method="GET",status="200"\} 1/,
    );
    expect(text).toMatch(
      /hcp_http_request_duration_seconds_count\{route="\/api\/v1\/cases\/\[serialNo\]",method="GET",status="404"\} 1/,
    );
    expect(text).toMatch(/^hcp_writer_groups_total [1-9]/m);
    expect(text).toMatch(/^hcp_writer_writes_total [1-9]/m);
    expect(text).toMatch(/^hcp_db_round_trips_total 0$/m);
    expect(text).toMatch(/^hcp_outbox_messages\{channel="sms",status="pending"\} \d+$/m);
    expect(text).toMatch(/^hcp_work_orders\{state="overdue"\} \d+$/m);
    for (const secret of [
      e.case.serialNo,
      e.case.applicant.name,
      e.case.applicant.phone,
      e.case.applicant.idNumber,
    ])
      expect(text).not.toContain(secret);
  });
});
