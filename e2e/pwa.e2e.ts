import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { expect, test } from "vitest";

import {
  appAndBrowser,
  CHROMIUM,
  CHROMIUM_ARGS,
  phone,
  proveByOtp,
  ratableCase,
  shot,
  state,
  watchErrors,
} from "./fixtures";
import { notNetwork, workerControls } from "./pwa";

const app = appAndBrowser();

test("installable: the manifest names the app, its colours and icons (any and maskable), and Chromium finds nothing missing", async () => {
  const res = await fetch(`${app.server.url}/manifest.webmanifest`);
  expect(res.status).toBe(200);
  const m = (await res.json()) as Record<string, unknown> & {
    icons: { src: string; sizes: string; purpose: string }[];
  };
  expect(m).toMatchObject({
    name: "台山好差评",
    start_url: "/",
    display: "standalone",
    theme_color: "#b91c1c",
    lang: "zh-CN",
  });
  expect(typeof m.short_name).toBe("string");
  expect(typeof m.background_color).toBe("string");
  expect(m.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  for (const icon of m.icons) {
    const png = await fetch(`${app.server.url}${icon.src}`);
    expect(png.headers.get("content-type")).toBe("image/png");
    const { width, height, data } = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(`${width}x${height}`).toBe(icon.sizes);
    // a maskable icon fills its square (a launcher cuts it); the plain one has rounded, clear corners
    const corner = [...data.subarray(0, 4)];
    expect(corner, icon.src).toEqual(
      icon.purpose === "maskable" ? [0xb9, 0x1c, 0x1c, 255] : [0, 0, 0, 0],
    );
  }

  // Chromium never offers to install from an incognito profile: ask a real (persistent) one
  const profile = mkdtempSync(join(tmpdir(), "hcp-pwa-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
  });
  try {
    const page = await context.newPage();
    await page.goto(app.server.url);
    expect(await page.locator('link[rel="manifest"]').getAttribute("href")).toBe(
      "/manifest.webmanifest",
    );
    await workerControls(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send("Page.getInstallabilityErrors")) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the worker is registered from the rating page, precaches every file that page loads, and keeps no API answer or staff page", async () => {
  const c = await ratableCase(app.server.url, {
    name: "梅秀芳",
    idNumber: "440781196906060068",
    phone: "13822220011",
  });
  const context = await phone(app.browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const loaded: string[] = [];
  page.on("response", (r) => {
    if (["script", "stylesheet"].includes(r.request().resourceType())) loaded.push(r.url());
  });
  await page.goto(c.url);
  await workerControls(page);
  const registration = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { script: reg?.active?.scriptURL, scope: reg?.scope };
  });
  expect(registration).toEqual({
    script: `${app.server.url}/serwist/sw.js`,
    scope: `${app.server.url}/`,
  });

  const ownFiles = loaded.filter((u) => new URL(u).pathname.startsWith("/_next/static/"));
  expect(ownFiles.length).toBeGreaterThan(2);
  const precached = await page.evaluate(
    async (urls) => Promise.all(urls.map(async (u) => (await caches.match(u)) !== undefined)),
    ownFiles,
  );
  expect(Object.fromEntries(ownFiles.map((u, i) => [u, precached[i]]))).toEqual(
    Object.fromEntries(ownFiles.map((u) => [u, true])),
  );

  // real name goes through the API; a staff page is visited: neither may be kept on the phone
  await proveByOtp(page, app.server.url, c.phone);
  await page.goto(`${app.server.url}/staff`);
  expect(await state(page)).toBe("sign_in");
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys())
        urls.push(new URL(req.url).pathname);
    return urls;
  });
  expect(kept.filter((u) => u.startsWith("/api/") || u.startsWith("/staff"))).toEqual([]);
  expect(kept).toContain(new URL(c.url).pathname);
  expect(errors).toEqual([]);
  await context.close();
});

test("without network, a page never visited gets the offline page at its own address; 重新加载 opens it once the network is back", async () => {
  const context = await phone(app.browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.server.url);
  await workerControls(page);

  await context.setOffline(true);
  for (const path of ["/r/never-seen-code-1234567890", "/staff"]) {
    await page.goto(`${app.server.url}${path}`);
    expect(await state(page)).toBe("offline");
    expect(await page.getByRole("heading", { name: "网络已断开" }).count()).toBe(1);
    expect(page.url()).toBe(`${app.server.url}${path}`);
  }
  // nothing scrolls sideways; the one control is a large touch target
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(
    (await page.getByRole("link", { name: "重新加载" }).boundingBox())?.height,
  ).toBeGreaterThanOrEqual(48);
  await shot(page, "offline-page");

  await context.setOffline(false);
  await page.getByRole("link", { name: "重新加载" }).click();
  await expect.poll(() => state(page)).toBe("sign_in");
  expect(notNetwork(errors)).toEqual([]);
  await context.close();
});
