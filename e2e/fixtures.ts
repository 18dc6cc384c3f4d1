import { chromium, devices, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { copyTemplateDb } from "../tests/db";
import { startServer, type RunningServer } from "../tests/http-server";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A mid-range Android phone at the size the design targets (390×844). */
export async function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, locale: "zh-CN" });
}

/** Collects console errors and failed requests; a test fails if the page logged any. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** WCAG 2.2 AA as axe-core checks it; returns the violations, described for a failure message. */
export async function a11yViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * For a browser test file: the built app on a fresh copy of the demo database, and Chromium;
 * both started before the file's tests and stopped after them. Read the fields inside tests.
 */
export function appAndBrowser(): { server: RunningServer; browser: Browser; dbFile: string } {
  const ctx = { dbFile: copyTemplateDb() } as { server: RunningServer; browser: Browser; dbFile: string };
  beforeAll(async () => {
    [ctx.server, ctx.browser] = await Promise.all([startServer({ databaseUrl: `file:${ctx.dbFile}` }), launch()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}
