import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** Waits until the service worker is active and controls the page. */
export async function workerControls(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

/** The worker's stored copy of a page (its text), or null: what a reload without network would show. */
export function keptCopy(page: Page, url: string): Promise<string | null> {
  return page.evaluate(
    async (u) =>
      (await (await caches.open("rating-pages")).match(u, { ignoreVary: true }))?.text() ?? null,
    url,
  );
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

/**
 * Fires the worker's Background Sync for the offline queue now, through CDP. Chromium fires it
 * itself when the network returns; a test fires it too, so that it never waits on the browser's timing.
 */
export async function fireSync(context: BrowserContext, page: Page, origin: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const registered = new Promise<string>((resolve) =>
    cdp.on(
      "ServiceWorker.workerRegistrationUpdated",
      ({ registrations }: { registrations: { registrationId: string; isDeleted: boolean }[] }) => {
        const live = registrations.find((r) => !r.isDeleted);
        if (live) resolve(live.registrationId);
      },
    ),
  );
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.dispatchSyncEvent", {
    origin,
    registrationId: await registered,
    tag: "hcp-ratings",
    lastChance: false,
  });
  await cdp.detach();
}

/** Console errors a test expects while the network is cut: the browser's own "failed to load" lines. */
export const notNetwork = (errors: string[]) =>
  errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
