/// <reference lib="webworker" />
/**
 * The service worker (served at /serwist/sw.js, scope /). What it keeps on the phone:
 * - precached: the rating page's build files (scripts, styles), the offline page and the favicon;
 * - the last copy of each rating page (/r/…) that came from the network, for a reload without
 *   network (at most 10, for 7 days: a rating window is 7 days);
 * - other build files it has served (hashed names: they never change).
 * Never: API answers (/api/…), other pages (staff, window, terminal: straight from the network),
 * or any request but a GET. A page it cannot fetch and has no copy of gets the offline page.
 */
import {
  CacheFirst,
  ExpirationPlugin,
  NetworkFirst,
  NetworkOnly,
  type PrecacheEntry,
  type RuntimeCaching,
  Serwist,
  type SerwistGlobalConfig,
} from "serwist";

import {
  queued,
  remove,
  send,
  SERVER_ANSWERED,
  SYNC_TAG,
} from "./(citizen)/r/[token]/offline-queue";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const DAY_S = 86_400;
const OFFLINE_PAGE = "/offline.html";

/** A whole page (a navigation, or the page itself asking to be kept), not the router's RSC fetches. */
const isPage = (request: Request) =>
  request.mode === "navigate" ||
  (request.headers.get("accept")?.includes("text/html") === true && !request.headers.has("rsc"));

// `next dev` builds the worker without a precache list: then it keeps nothing, so that an edit never meets stale code
const built = self.__SW_MANIFEST !== undefined;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // pages link the favicon as /icon.svg?icon.<hash>.svg: the precached /icon.svg answers it
  precacheOptions: { ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^icon\./] },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: built ? cachingRules() : [],
  fallbacks: built
    ? { entries: [{ url: OFFLINE_PAGE, matcher: ({ request }) => request.mode === "navigate" }] }
    : undefined,
});

function cachingRules(): RuntimeCaching[] {
  return [
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && url.pathname.startsWith("/r/") && isPage(request),
      handler: new NetworkFirst({
        cacheName: "rating-pages",
        // on a slow network the last copy is shown after 5 s rather than a blank screen
        networkTimeoutSeconds: 5,
        // Next varies pages on router headers a reload does not send; only whole pages are stored here
        matchOptions: { ignoreVary: true },
        plugins: [new ExpirationPlugin({ maxEntries: 10, maxAgeSeconds: 7 * DAY_S })],
      }),
    },
    { matcher: ({ request }) => request.mode === "navigate", handler: new NetworkOnly() },
    {
      // hashed build files never change: those of other pages, once they have been used
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({
        cacheName: "build-files",
        plugins: [new ExpirationPlugin({ maxEntries: 64, maxAgeSeconds: 30 * DAY_S })],
      }),
    },
  ];
}

/**
 * Background Sync: sends the queued ratings when the network returns, even with the page closed.
 * Only a stored rating leaves the queue; anything else waits for the page, which explains it
 * (a refusal) or asks to prove real name again — an open page is told to look at once. A failed
 * try makes the browser retry later.
 */
async function sendQueued(): Promise<void> {
  let retry = false;
  let answered = false;
  for (const q of await queued()) {
    const outcome = await send(q);
    if (outcome.kind === "sent") await remove(q);
    retry ||= outcome.kind === "retry";
    answered ||= outcome.kind !== "retry";
  }
  // an open page shows what became of its rating now, not at its own next try, 30 s away
  if (answered)
    for (const page of await self.clients.matchAll({ type: "window" }))
      page.postMessage({ type: SERVER_ANSWERED });
  if (retry) throw new Error("the rating server could not be reached; the browser will try again");
}

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(sendQueued());
});

serwist.addEventListeners();
