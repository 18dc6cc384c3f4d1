import { expect, test } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import { appAndBrowser } from "./fixtures";
import { firstLoadJs, PAGE_JS_BUDGET_GZIP } from "./page-weight";

const app = appAndBrowser();

test("the rating page ships at most 150 KB of JavaScript (gzip) on a first visit", async () => {
  const api = v1(app.server.url);
  const e = caseEvent({ occurredAt: new Date(Date.now() - 60_000).toISOString() });
  await api.post("/api/v1/case-events", e);
  await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: e.occurredAt, case: e.case }));
  const qr = await api.post("/api/v1/qr-codes", { serialNo: e.case.serialNo, kind: "static" });
  const weight = await firstLoadJs(app.browser, qr.body.url as string);
  console.log(`rating page first-load JS: ${weight.files} files, ${(weight.gzipBytes / 1024).toFixed(1)} KB gzip (${(weight.rawBytes / 1024).toFixed(1)} KB raw)`);
  expect(weight.files).toBeGreaterThan(0);
  expect(weight.gzipBytes).toBeLessThanOrEqual(PAGE_JS_BUDGET_GZIP);
});
