import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DEMO_KEYS } from "../constants";
import { caseEvent } from "../factories";
import { type Backend, startApp } from "./backends";
import { v1 } from "./v1-client";

const errorShape = {
  error: { code: expect.any(String) as string, message: expect.any(String) as string },
};

describe.each<Backend>(["file", "sqld"])("v1 intake over HTTP on %s", (backend) => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let api: ReturnType<typeof v1>;
  beforeAll(async () => {
    app = await startApp(backend);
    api = v1(app.server.url);
  });
  afterAll(async () => app?.stop());

  test("every event type moves the case as SPEC §4 says", async () => {
    const win = caseEvent({ case: { needsCertificate: true, itemCode: "ITEM-0002" } });
    const steps: [Parameters<typeof caseEvent>[0], string, string[]][] = [
      [{ type: "received" }, "received", ["open", "pending"]],
      [
        { type: "accepted", occurredAt: "2026-03-02T09:40:00+08:00" },
        "accepted",
        ["open", "pending"],
      ],
      [
        { type: "decided", decision: "approved", occurredAt: "2026-03-03T11:00:00+08:00" },
        "decided",
        ["open", "pending"],
      ],
      [
        { type: "certificate_issued", occurredAt: "2026-03-04T11:00:00+08:00" },
        "certificate_issued",
        ["open", "pending"],
      ],
      [
        {
          type: "picked_up",
          occurredAt: "2026-03-05T16:00:00+08:00",
          case: { ...win.case, windowCode: "W02", staffNo: "TS0002" },
        },
        "completed",
        ["open", "open"],
      ],
    ];
    for (const [o, status, stages] of steps) {
      const r = await api.post(
        "/api/v1/case-events",
        caseEvent({ ...o, case: o?.case ?? win.case }),
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.status).toBe(status);
      expect((r.body.ratingStages as { status: string }[]).map((s) => s.status)).toEqual(stages);
    }
    const terminal = caseEvent({
      case: { channel: "terminal", terminalCode: "T01", windowCode: undefined, staffNo: undefined },
    });
    expect((await api.post("/api/v1/case-events", terminal)).body.status).toBe("received");
    const done = await api.post(
      "/api/v1/case-events",
      caseEvent({
        type: "terminal_finished",
        occurredAt: "2026-03-02T09:35:00+08:00",
        case: terminal.case,
      }),
    );
    expect(done.body).toMatchObject({
      status: "completed",
      ratingStages: [{ stage: "completion", status: "open" }],
    });

    const failed = await api.post("/api/v1/case-events", caseEvent({ type: "receipt_failed" }));
    expect(failed.body).toMatchObject({
      status: "receipt_failed",
      ratingStages: [{ status: "not_open" }, { status: "not_open" }],
    });
    const refused = caseEvent();
    await api.post("/api/v1/case-events", refused);
    const notAccepted = await api.post(
      "/api/v1/case-events",
      caseEvent({
        type: "acceptance_failed",
        occurredAt: "2026-03-02T10:00:00+08:00",
        case: refused.case,
      }),
    );
    expect(notAccepted.body).toMatchObject({
      status: "acceptance_failed",
      ratingStages: [{ status: "not_open" }, { status: "not_open" }],
    });

    const view = await api.get(`/api/v1/cases/${win.case.serialNo}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      serialNo: win.case.serialNo,
      status: "completed",
      itemCode: "ITEM-0002",
      channel: "window",
    });
    expect(JSON.stringify(view.body)).not.toContain(win.case.applicant.name);
    expect(JSON.stringify(view.body)).not.toContain(win.case.applicant.phone);
  });

  test("replays answer the same; the same eventId with another body is a 409", async () => {
    const e = caseEvent();
    const first = await api.post("/api/v1/case-events", e);
    const again = await api.post("/api/v1/case-events", e);
    expect(again).toEqual(first);
    const conflict = await api.post("/api/v1/case-events", {
      ...e,
      occurredAt: "2026-03-02T11:00:00+08:00",
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: "conflict" } });
  });

  test("keys and scopes: 401 without or with an unknown key, 403 with the hotline scope", async () => {
    for (const [key, status] of [
      [null, 401],
      ["wrong-key-123", 401],
      [DEMO_KEYS.hotline, 403],
    ] as const) {
      const r = await v1(app.server.url, key).post("/api/v1/case-events", caseEvent());
      expect(r.status).toBe(status);
      expect(r.body).toMatchObject(errorShape);
      expect((await v1(app.server.url, key).get("/api/v1/catalog")).status).toBe(status);
    }
  });

  test.each([
    ["malformed JSON", '{"eventId": "x",', 400, "invalid_json"],
    ["an empty body", "", 400, "invalid_json"],
    ["a JSON array", "[]", 400, "validation_failed"],
    ["missing fields", JSON.stringify({ eventId: "x" }), 400, "validation_failed"],
    ["wrong types", JSON.stringify({ ...caseEvent(), occurredAt: 12 }), 400, "validation_failed"],
    [
      "an unknown event type",
      JSON.stringify({ ...caseEvent(), type: "archived" }),
      400,
      "validation_failed",
    ],
    [
      "decided without a decision",
      JSON.stringify(caseEvent({ type: "decided" })),
      400,
      "validation_failed",
    ],
    [
      "an unknown item",
      JSON.stringify(caseEvent({ case: { itemCode: "ITEM-9999" } })),
      422,
      "invalid",
    ],
    ["an unknown org", JSON.stringify(caseEvent({ case: { orgCode: "999999" } })), 422, "invalid"],
    [
      "an unknown window",
      JSON.stringify(caseEvent({ case: { windowCode: "W99" } })),
      422,
      "invalid",
    ],
    [
      "an unknown terminal",
      JSON.stringify(caseEvent({ case: { channel: "terminal", terminalCode: "T99" } })),
      422,
      "invalid",
    ],
    [
      "a body over 64 KiB",
      JSON.stringify({ ...caseEvent(), pad: "x".repeat(70_000) }),
      413,
      "payload_too_large",
    ],
  ])("%s → %i in the error shape", async (_name, body, status, code) => {
    const r = await api.post("/api/v1/case-events", body, { raw: true });
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ error: { code, message: expect.any(String) as string } });
  });

  test("random garbage never gets a 5xx", async () => {
    const samples: unknown[] = [
      null,
      0,
      "x",
      true,
      {},
      { case: null },
      { eventId: 1, type: [] },
      { ...caseEvent(), case: { applicant: "a" } },
      { ...caseEvent(), occurredAt: "yesterday" },
    ];
    for (let i = 0; i < 20; i++)
      samples.push({
        ...caseEvent(),
        eventId: "x".repeat(i * 10),
        case: { ...caseEvent().case, serialNo: "\u0000".repeat(i) },
      });
    for (const s of samples) {
      const r = await api.post("/api/v1/case-events", s);
      expect(r.status, JSON.stringify(s)).toBeLessThan(500);
    }
  });

  test("GET: unknown case 404, catalog lists the demo codes, OpenAPI 3.1 describes the endpoints", async () => {
    expect(await api.get("/api/v1/cases/NOPE")).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
    const cat = await api.get("/api/v1/catalog");
    expect(cat.status).toBe(200);
    expect(JSON.stringify(cat.body)).toContain("台城街道");
    expect(cat.body.staff).toEqual(
      expect.arrayContaining([
        { staffNo: "TS0001", name: "李敏", orgCode: "440781-H01", windowCode: "W01" },
      ]),
    );
    const doc = (await (await fetch(`${app.server.url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/case-events",
        "/api/v1/cases/{serialNo}",
        "/api/v1/catalog",
      ]),
    );
    expect(await api.get("/api/v1/nothing-here")).toMatchObject({ status: 404, body: errorShape });
  });

  test("the server logged no stack traces and no PII", () => {
    const out = app.server.output();
    expect(out).not.toMatch(/at .*\.js:\d+/);
    expect(out).not.toContain("440781195803120027");
  });
});
