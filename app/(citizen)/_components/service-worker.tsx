"use client";
import { useEffect } from "react";

const SW_URL = "/serwist/sw.js";

/**
 * Registers the service worker (app/sw.ts) once the page has loaded, so that it never competes
 * with the page's own files on a slow network. Plain `register`: Serwist's window helper would
 * add to the rating page's JavaScript budget, and it would reload the page on `online` (the
 * offline queue sends instead). Renders nothing.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    // a page the worker did not serve (the first visit) is fetched once more for it to keep
    const firstVisit = !navigator.serviceWorker.controller;
    const register = () => {
      navigator.serviceWorker
        .register(SW_URL, { scope: "/" })
        .then(() => firstVisit && keepThisPage())
        .catch(() => undefined);
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    return () => window.removeEventListener("load", register);
  }, []);
  return null;
}

/**
 * Asks the worker to keep the current rating page as the network has it now (the worker stores
 * only /r/ pages), so that a reload without network shows this state — after real name, say.
 */
export function keepThisPage(): void {
  if (!("serviceWorker" in navigator) || !location.pathname.startsWith("/r/")) return;
  void navigator.serviceWorker.ready.then((reg) =>
    reg.active?.postMessage({
      type: "CACHE_URLS",
      payload: { urlsToCache: [[location.href, { headers: { accept: "text/html" } }]] },
    }),
  );
}
