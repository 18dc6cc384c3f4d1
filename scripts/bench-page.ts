/**
 * npm run bench:page — the rating page's budget on a phone: first-load JavaScript (gzip) against
 * the 150 KB budget, Lighthouse (mobile, simulated throttling) performance, accessibility and
 * best-practices scores with LCP, FCP, TBT and CLS, and the installability errors Chromium reports
 * (Lighthouse 12 has no PWA category). Exits 1 when the JavaScript is over budget; the scores
 * are printed, not enforced.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";

import { launch as launchChrome, type LaunchedChrome } from "chrome-launcher";
import lighthouse from "lighthouse";
import { type Browser, chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS } from "@/e2e/fixtures";
import { firstLoadJs, PAGE_JS_BUDGET_GZIP } from "@/e2e/page-weight";
import { systemClock } from "@/server/clock";
import { depsOf } from "@/tests/db";
import { startNext } from "@/tests/http-server";
import { freePort, type SpawnedServer } from "@/tests/net";
import { completedCase } from "@/tests/rating-fixtures";

import { freshDatabase } from "./bench/harness";

const DIR = ".tmp/bench-page";
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Lighthouse's own mobile defaults (Moto G Power screen, slow 4G simulated, 4× CPU slowdown). */
async function audit(url: string, port: number): Promise<void> {
  const result = await lighthouse(url, {
    port,
    logLevel: "error",
    onlyCategories: ["performance", "accessibility", "best-practices"],
    // a hung load must end the run, not stall it; the full-page screenshot only feeds the HTML report
    maxWaitForLoad: 30_000,
    disableFullPageScreenshot: true,
  });
  if (!result) throw new Error("lighthouse returned no result");
  const { categories, audits, runtimeError, runWarnings, configSettings } = result.lhr;
  if (runtimeError) throw new Error(`lighthouse: ${runtimeError.code} ${runtimeError.message}`);
  for (const w of runWarnings) console.log(`lighthouse warning: ${w}`);
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const ms = (id: string) => `${Math.round(audits[id]?.numericValue ?? NaN)} ms`;
  console.log(
    `lighthouse (${configSettings.formFactor}, ${configSettings.throttlingMethod} throttling): performance ${score("performance")}, accessibility ${score("accessibility")}, best-practices ${score("best-practices")}`,
  );
  console.log(
    `  LCP ${ms("largest-contentful-paint")}, FCP ${ms("first-contentful-paint")}, TBT ${ms("total-blocking-time")}, CLS ${(audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3)}`,
  );
}

/** In the default context: a new context is incognito, and Chromium then always answers `in-incognito`. */
async function installability(browser: Browser, url: string): Promise<void> {
  const context = browser.contexts()[0];
  if (!context) throw new Error("chromium has no default context");
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  await page.close();
  const errors = installabilityErrors.map((e) =>
    [e.errorId, ...e.errorArguments.map((a) => `${a.name}=${a.value}`)].join(" "),
  );
  console.log(`installability: ${errors.length ? errors.join("; ") : "installable"}`);
}

async function main(): Promise<boolean> {
  const t0 = Date.now();
  const dataKey = randomBytes(32).toString("base64");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let app: Promise<SpawnedServer> | undefined;
  let chrome: LaunchedChrome | undefined;
  let browser: Browser | undefined;
  try {
    const { database, file } = await freshDatabase(DIR);
    // the same data key as the server, so the code is signed with the key the server verifies
    const deps = depsOf(database, dataKey, systemClock, { publicUrl: base });
    const { url } = await completedCase(deps);
    database.close();

    app = startNext(
      port,
      { DATABASE_URL: `file:${file}`, HCP_DATA_KEY: dataKey, HCP_PUBLIC_URL: base },
      true,
    );
    [chrome] = await Promise.all([
      launchChrome({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS, logLevel: "silent" }),
      app,
    ]);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);

    const js = await firstLoadJs(browser, url);
    const over = js.gzipBytes > PAGE_JS_BUDGET_GZIP;
    console.log(
      `first-load JS of /r/<token>: ${js.files} files, ${kb(js.rawBytes)} raw, ${kb(js.gzipBytes)} gzip (budget ${kb(PAGE_JS_BUDGET_GZIP)}) ${over ? "OVER BUDGET" : "ok"}`,
    );
    await audit(url, chrome.port);
    await installability(browser, url);
    console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return !over;
  } finally {
    await browser?.close();
    chrome?.kill();
    // a server that failed to start has already been killed
    await app?.then(
      (a) => a.stop(),
      () => undefined,
    );
    rmSync(DIR, { recursive: true, force: true });
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
