import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { DEMO_KEYS } from "../constants";
import { hotlineCall } from "../factories";
import { startApp } from "./backends";
import { v1 } from "./v1-client";

const errorShape = {
  error: { code: expect.any(String) as string, message: expect.any(String) as string },
};
let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;

const badCall = () => hotlineCall(unique("call"));
const result = (status: string) => ({
  resultId: unique("res"),
  occurredAt: "2026-03-03T10:00:00+08:00",
  status,
  verified: true,
  text: `${status}：已联系来电人`,
});
const resultsPath = (workOrderId: string) =>
  `/api/v1/hotline/work-orders/${encodeURIComponent(workOrderId)}/results`;

describe("v1 hotline over HTTP", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let api: ReturnType<typeof v1>;
  beforeAll(async () => {
    app = await startApp("file");
    api = v1(app.server.url, DEMO_KEYS.hotline);
  });
  afterAll(async () => app?.stop());

  test("a bad call rating opens a work order; results in order move it to closed, out of order is a 409", async () => {
    const call = badCall();
    const rated = await api.post("/api/v1/hotline/ratings", call);
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body).toEqual({
      ratingId: expect.any(String) as string,
      callId: call.callId,
      workOrderId: expect.any(String) as string,
    });
    expect(await api.post("/api/v1/hotline/ratings", call)).toEqual(rated);
    const workOrderId = rated.body.workOrderId as string;

    const visited = result("visited");
    for (const r of [visited, result("rectified")]) {
      const res = await api.post(resultsPath(workOrderId), r);
      expect(res, JSON.stringify(res.body)).toEqual({
        status: 200,
        body: { workOrderId, status: r.status, resultId: r.resultId },
      });
    }
    const late = await api.post(resultsPath(workOrderId), result("visited"));
    expect(late.status).toBe(409);
    expect(late.body).toEqual({
      error: { code: "conflict", message: "工单已是“已整改”，不能再报“已回访”" },
    });
    expect((await api.post(resultsPath(workOrderId), visited)).status).toBe(200);
    expect((await api.post(resultsPath(workOrderId), result("closed"))).body).toMatchObject({
      status: "closed",
    });
  });

  test("a bad rating without a tag or text is a 422; a good one opens no work order", async () => {
    const refused = await api.post("/api/v1/hotline/ratings", { ...badCall(), tags: undefined });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: "invalid" } });
    const good = await api.post("/api/v1/hotline/ratings", {
      ...badCall(),
      level: "very_satisfied",
      tags: [],
      channel: "sms",
    });
    expect(good).toMatchObject({ status: 200, body: { workOrderId: null } });
  });

  test("keys and scopes: 401 without a key, 403 with the cases key", async () => {
    for (const [key, status] of [
      [null, 401],
      [DEMO_KEYS.intake, 403],
    ] as const) {
      const client = v1(app.server.url, key);
      for (const r of [
        await client.post("/api/v1/hotline/ratings", badCall()),
        await client.post(resultsPath("ANY"), result("visited")),
      ]) {
        expect(r.status).toBe(status);
        expect(r.body).toEqual(errorShape);
      }
    }
  });

  test.each([
    ["malformed JSON", "/api/v1/hotline/ratings", '{"callId": "x",', 400, "invalid_json"],
    [
      "missing fields",
      "/api/v1/hotline/ratings",
      JSON.stringify({ callId: "x" }),
      400,
      "validation_failed",
    ],
    [
      "an unknown level",
      "/api/v1/hotline/ratings",
      JSON.stringify({ ...badCall(), level: "meh" }),
      400,
      "validation_failed",
    ],
    [
      "a phone that is no number",
      "/api/v1/hotline/ratings",
      JSON.stringify({ ...badCall(), caller: { phone: "call me" } }),
      400,
      "validation_failed",
    ],
    ["malformed JSON for a result", resultsPath("ANY"), "{", 400, "invalid_json"],
    [
      "an unknown result status",
      resultsPath("ANY"),
      JSON.stringify(result("reopened")),
      400,
      "validation_failed",
    ],
    [
      "an unknown work order",
      resultsPath("NO-SUCH-ORDER"),
      JSON.stringify(result("visited")),
      404,
      "not_found",
    ],
  ])("%s → %i in the error shape", async (_name, path, body, status, code) => {
    const r = await api.post(path, body, { raw: true });
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ error: { code, message: expect.any(String) as string } });
  });

  test("OpenAPI describes both hotline endpoints; the server logged no caller phone", async () => {
    const doc = (await (await fetch(`${app.server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/hotline/ratings",
        "/api/v1/hotline/work-orders/{workOrderId}/results",
      ]),
    );
    expect(app.server.output()).not.toContain("13800138000");
  });
});
