import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { v1 } from "../tests/api/v1-client";
import { caseEvent } from "../tests/factories";
import { a11yViolations } from "./fixtures";

/**
 * A case completed a minute ago and its code. By default an online case (no window, so no receipt
 * stage: once its completion rating is stored the page is `rated`) with a static code; `window`:
 * a case of window W01 with the window's dynamic code (real name by 窗口已核验身份).
 */
export async function ratableCase(serverUrl: string, applicant: { name: string; idNumber: string; phone: string }, { window = false } = {}) {
  const api = v1(serverUrl);
  const at = new Date(Date.now() - 60_000).toISOString();
  const where = window ? {} : { channel: "online_pc" as const, windowCode: undefined, staffNo: undefined };
  const e = caseEvent({ occurredAt: at, case: { ...where, applicant: { type: "person", ...applicant } } });
  expect((await api.post("/api/v1/case-events", e)).status).toBe(200);
  expect((await api.post("/api/v1/case-events", caseEvent({ type: "decided", decision: "approved", occurredAt: at, case: e.case }))).status).toBe(200);
  const qr = await api.post("/api/v1/qr-codes", { serialNo: e.case.serialNo, ...(window ? { kind: "dynamic", windowCode: "W01", staffNo: "TS0001" } : { kind: "static" }) });
  expect(qr.status).toBe(200);
  return { url: qr.body.url as string, token: qr.body.token as string, serialNo: e.case.serialNo, phone: applicant.phone };
}

/** Waits until the service worker is active and controls the page. */
export async function workerControls(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** The worker's stored copy of a page (its text), or null: what a reload without network would show. */
export function keptCopy(page: Page, url: string): Promise<string | null> {
  return page.evaluate(async (u) => (await (await caches.open("rating-pages")).match(u, { ignoreVary: true }))?.text() ?? null, url);
}

/** How many ratings wait in the phone's offline queue (IndexedDB). */
export function queueSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("hcp-offline");
        open.onerror = () => reject(open.error ?? new Error("indexedDB"));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("ratings")) return resolve(0);
          const count = db.transaction("ratings").objectStore("ratings").count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
}

export const state = (page: Page) => page.locator("main").getAttribute("data-state");

/** Photographed for a person to look at, and checked by axe. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: `.tmp/screenshots/${name}.png`, fullPage: true });
  expect(await a11yViolations(page), `accessibility of ${name}`).toEqual([]);
}

/** Console errors a test expects while the network is cut: the browser's own "failed to load" lines. */
export const notNetwork = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
