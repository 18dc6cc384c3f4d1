import { expect, test } from "vitest";

import { appAndBrowser, codeFor, completedCase } from "./fixtures";
import { firstLoadJs, PAGE_JS_BUDGET_GZIP } from "./page-weight";

const app = appAndBrowser();

test("the rating page ships at most 150 KB of JavaScript (gzip) on a first visit", async () => {
  const { serialNo } = await completedCase(app.server.url);
  const code = await codeFor(app.server.url, { serialNo });
  const weight = await firstLoadJs(app.browser, code.url);
  console.log(
    `rating page first-load JS: ${weight.files} files, ${(weight.gzipBytes / 1024).toFixed(1)} KB gzip (${(weight.rawBytes / 1024).toFixed(1)} KB raw)`,
  );
  expect(weight.files).toBeGreaterThan(0);
  expect(weight.gzipBytes).toBeLessThanOrEqual(PAGE_JS_BUDGET_GZIP);
});
