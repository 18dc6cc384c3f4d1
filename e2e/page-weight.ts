import { gzipSync } from "node:zlib";

import type { Browser } from "playwright-core";

import { phone } from "./fixtures";

/** The JavaScript a phone downloads on a first visit to `url`, gzip-compressed as served over the wire. */
export async function firstLoadJs(
  browser: Browser,
  url: string,
): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const context = await phone(browser);
  const page = await context.newPage();
  const scripts: Promise<Buffer>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") scripts.push(res.body());
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const bodies = await Promise.all(scripts);
  await context.close();
  return {
    files: bodies.length,
    rawBytes: bodies.reduce((n, b) => n + b.length, 0),
    gzipBytes: bodies.reduce((n, b) => n + gzipSync(b).length, 0),
  };
}

export const PAGE_JS_BUDGET_GZIP = 150 * 1024;
