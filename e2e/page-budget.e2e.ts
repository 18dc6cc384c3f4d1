import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { copyTemplateDb } from "../tests/db";
import { caseEvent } from "../tests/factories";
import { startServer, type RunningServer } from "../tests/http-server";
import { launch } from "./fixtures";
import { firstLoadJs, PAGE_JS_BUDGET_GZIP } from "./page-weight";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ databaseUrl: `file:${copyTemplateDb()}` }), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("the rating page ships at most 150 KB of JavaScript (gzip) on a first visit", async () => {
  const api = v1(server.url);
  const e = caseEvent({ occurredAt: new Date(Date.now() - 60_000).toISOString() });
  await api.post("/api/v1/case-events", e);
  await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: e.occurredAt, case: e.case }));
  const qr = await api.post("/api/v1/qr-codes", { serialNo: e.case.serialNo, kind: "static" });
  const weight = await firstLoadJs(browser, qr.body.url as string);
  console.log(`rating page first-load JS: ${weight.files} files, ${(weight.gzipBytes / 1024).toFixed(1)} KB gzip (${(weight.rawBytes / 1024).toFixed(1)} KB raw)`);
  expect(weight.files).toBeGreaterThan(0);
  expect(weight.gzipBytes).toBeLessThanOrEqual(PAGE_JS_BUDGET_GZIP);
});
