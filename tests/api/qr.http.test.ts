import { createRequire } from "node:module";

import jsQR from "jsqr";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { launch } from "@/e2e/fixtures";

import { DEMO_KEYS } from "../constants";
import { caseEvent } from "../factories";
import { startApp } from "./backends";
import { v1 } from "./v1-client";

// pngjs ships no types; this is the one call the test makes
const { PNG } = createRequire(import.meta.url)("pngjs") as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };
};

const errorShape = {
  error: { code: expect.any(String) as string, message: expect.any(String) as string },
};

/** Reads the SVG the way a phone would: render it in a browser, photograph it, decode the photo. */
async function readQr(browser: Browser, svg: string): Promise<string | undefined> {
  const page = await browser.newPage({ viewport: { width: 420, height: 420 } });
  try {
    await page.setContent(
      `<body style="margin:0;background:#fff"><div id="qr" style="width:400px;height:400px">${svg}</div></body>`,
    );
    const png = PNG.sync.read(await page.locator("#qr").screenshot({ type: "png" }));
    return jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      png.width,
      png.height,
    )?.data;
  } finally {
    await page.close();
  }
}

describe("v1 QR codes over HTTP", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let api: ReturnType<typeof v1>;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp("file"), launch()]);
    api = v1(app.server.url);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  test("a static code for a case: the SVG's QR decodes to the returned URL", async () => {
    const e = caseEvent();
    expect((await api.post("/api/v1/case-events", e)).status).toBe(200);
    const r = await api.post("/api/v1/qr-codes", { serialNo: e.case.serialNo, kind: "static" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { url, token, expiresAt, svg } = r.body as {
      url: string;
      token: string;
      expiresAt: string;
      svg: string;
    };
    expect(url.endsWith(`/r/${token}`)).toBe(true);
    expect(url.length).toBeLessThanOrEqual(230);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect(await readQr(browser, svg)).toBe(url);
  });

  test("a dynamic code for a window decodes too", async () => {
    const e = caseEvent({ case: { serialNo: "TS".padEnd(64, "7") } });
    await api.post("/api/v1/case-events", e);
    const r = await api.post("/api/v1/qr-codes", {
      serialNo: e.case.serialNo,
      kind: "dynamic",
      windowCode: "W01",
      staffNo: "TS0001",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await readQr(browser, r.body.svg as string)).toBe(r.body.url);
  });

  test("refusals keep the error shape: unknown case 404, dynamic without a window 400, unknown window 422", async () => {
    const e = caseEvent();
    await api.post("/api/v1/case-events", e);
    const cases: [unknown, number, string][] = [
      [{ serialNo: "NO-SUCH-CASE", kind: "static" }, 404, "not_found"],
      [{ serialNo: e.case.serialNo, kind: "dynamic" }, 400, "validation_failed"],
      [{ serialNo: e.case.serialNo, batchNo: "PC-1", kind: "static" }, 400, "validation_failed"],
      [{ serialNo: e.case.serialNo, kind: "dynamic", windowCode: "W99" }, 422, "invalid"],
    ];
    for (const [body, status, code] of cases) {
      const r = await api.post("/api/v1/qr-codes", body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body).toMatchObject({ ...errorShape, error: { code } });
    }
  });

  test("keys: 401 without one, 403 with the hotline scope", async () => {
    for (const [key, status] of [
      [null, 401],
      [DEMO_KEYS.hotline, 403],
    ] as const) {
      const r = await v1(app.server.url, key).post("/api/v1/qr-codes", {
        serialNo: "X",
        kind: "static",
      });
      expect(r.status).toBe(status);
      expect(r.body).toMatchObject(errorShape);
    }
  });

  test("the OpenAPI document describes the endpoint", async () => {
    const doc = await api.get("/api/v1/openapi.json");
    expect(doc.body).toMatchObject({
      paths: { "/api/v1/qr-codes": { post: expect.any(Object) as object } },
    });
  });
});
