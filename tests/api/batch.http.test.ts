import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { openDatabase } from "../../db/client";
import { caseEvents } from "../../db/schema";
import { copyTemplateDb } from "../db";
import { caseEvent } from "../factories";
import { type RunningServer, startServer } from "../http-server";
import { v1 } from "./v1-client";

type Result = {
  eventId: string | null;
  status: number;
  body?: Record<string, unknown>;
  error?: { code: string; message: string };
};
const BATCH = "/api/v1/case-events/batch";

describe("POST /api/v1/case-events/batch (SPEC §6)", () => {
  let server: RunningServer;
  let file: string;
  let api: ReturnType<typeof v1>;
  beforeAll(async () => {
    file = copyTemplateDb();
    server = await startServer({ databaseUrl: `file:${file}` });
    api = v1(server.url);
  });
  afterAll(async () => server?.stop());

  const post = async (events: unknown[]) => {
    const r = await api.post(BATCH, { events });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    return r.body.results as Result[];
  };

  test("per-event answers in the request's order, each what the single endpoint answers; a bad event stops none", async () => {
    const earlier = caseEvent();
    const single = await api.post("/api/v1/case-events", earlier);
    const received = caseEvent();
    const accepted = caseEvent({
      type: "accepted",
      occurredAt: "2026-03-02T09:40:00+08:00",
      case: received.case,
    });
    const unknownItem = caseEvent({ case: { itemCode: "ITEM-9999" } });
    const conflicting = { ...earlier, occurredAt: "2026-03-02T11:00:00+08:00" };
    const malformed = { eventId: "no-case", type: "received" };
    const later = caseEvent({ type: "receipt_failed" });
    const events = [received, malformed, unknownItem, earlier, conflicting, accepted, 42, later];
    const results = await post(events);

    expect(results.map((r) => [r.eventId, r.status])).toEqual([
      [received.eventId, 200],
      ["no-case", 400],
      [unknownItem.eventId, 422],
      [earlier.eventId, 200],
      [earlier.eventId, 409],
      [accepted.eventId, 200],
      [null, 400],
      [later.eventId, 200],
    ]);
    expect(results[1]?.error).toMatchObject({ code: "validation_failed" });
    expect(results[2]?.error).toMatchObject({ code: "invalid" });
    expect(results[4]?.error).toMatchObject({ code: "conflict" });
    expect(results[3]?.body).toEqual(single.body); // a replay answers what the first call answered
    expect(results[5]?.body).toMatchObject({
      serialNo: received.case.serialNo,
      status: "accepted",
    });
    expect(results[7]?.body).toMatchObject({
      status: "receipt_failed",
      ratingStages: [{ status: "not_open" }, { status: "not_open" }],
    });
    for (const r of results) expect(Boolean(r.body) !== Boolean(r.error)).toBe(true);

    // each accepted event answers the same through the single endpoint afterwards
    expect(await api.post("/api/v1/case-events", accepted)).toEqual({
      status: 200,
      body: results[5]?.body,
    });
    expect((await api.get(`/api/v1/cases/${received.case.serialNo}`)).body).toMatchObject({
      status: "accepted",
    });
  });

  test("idempotent per eventId: the same batch again answers the same; one eventId twice with two bodies: the first wins, the second is a 409", async () => {
    const events = Array.from({ length: 20 }, () => caseEvent());
    const first = await post(events);
    expect(first.every((r) => r.status === 200)).toBe(true);
    expect(await post(events)).toEqual(first);

    const e = caseEvent();
    const twice = await post([e, { ...e, occurredAt: "2026-03-02T10:30:00+08:00" }, e]);
    expect(twice.map((r) => r.status)).toEqual([200, 409, 200]);
    expect(twice[2]?.body).toEqual(twice[0]?.body);
  });

  test("the envelope: 1 to 1000 events, body at most 4 MiB (else 413), always the error shape", async () => {
    const errorOf = async (body: string) => {
      const r = await api.post(BATCH, body, { raw: true });
      return [r.status, (r.body.error as { code: string } | undefined)?.code];
    };
    expect(await errorOf(JSON.stringify({ events: [] }))).toEqual([400, "validation_failed"]);
    expect(
      await errorOf(JSON.stringify({ events: Array.from({ length: 1001 }, () => caseEvent()) })),
    ).toEqual([400, "validation_failed"]);
    expect(await errorOf(JSON.stringify([caseEvent()]))).toEqual([400, "validation_failed"]);
    expect(await errorOf(JSON.stringify({ events: "x" }))).toEqual([400, "validation_failed"]);
    expect(await errorOf("{")).toEqual([400, "invalid_json"]);
    expect(
      await errorOf(JSON.stringify({ events: [caseEvent()], pad: "x".repeat(4 * 1024 * 1024) })),
    ).toEqual([413, "payload_too_large"]);
    expect((await v1(server.url, null).post(BATCH, { events: [caseEvent()] })).status).toBe(401);
    // a body of 1000 events over the single endpoint's 64 KiB limit is fine here
    const big = Array.from({ length: 1000 }, () => caseEvent());
    expect(JSON.stringify({ events: big }).length).toBeGreaterThan(64 * 1024);
    const results = await post(big);
    expect(results.map((r) => r.eventId)).toEqual(big.map((e) => e.eventId));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  test("every accepted event is on disk when the answer comes: kill -9 right after it loses none", async () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7 ? caseEvent({ case: { orgCode: "999999" } }) : caseEvent(),
    );
    const results = await post(events);
    server.process.kill("SIGKILL");
    await server.stop();
    const accepted = results.filter((r) => r.status === 200).map((r) => r.eventId!);
    expect(accepted).toHaveLength(294);
    const database = await openDatabase(`file:${file}`);
    try {
      const stored = await database.db
        .select({ eventId: caseEvents.eventId })
        .from(caseEvents)
        .where(inArray(caseEvents.eventId, accepted));
      expect(stored).toHaveLength(accepted.length);
    } finally {
      database.close();
    }
    server = await startServer({ databaseUrl: `file:${file}` });
    api = v1(server.url);
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: unknown } }>;
    };
    expect(doc.paths[BATCH]?.post?.requestBody).toBeDefined();
  });
});
