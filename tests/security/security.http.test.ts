import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "@/db/client";
import { systemClock } from "@/server/clock";

import { copyTemplateDb, depsOf } from "../db";
import { type RunningServer, startServer } from "../http-server";
import { completedCase } from "../rating-fixtures";

/** DESIGN §9: the headers on pages, none of the proxy on the APIs, same-origin tRPC mutations, /api/dev/* only in the demo. */
describe("security headers and request checks (demo settings, http)", () => {
  let server: RunningServer;
  let database: Database;
  let ratingPath: string;
  beforeAll(async () => {
    const file = copyTemplateDb();
    database = await openDatabase(`file:${file}`);
    server = await startServer({ databaseUrl: `file:${file}` });
    const c = await completedCase(
      depsOf(database, inject("dataKey"), systemClock, { publicUrl: server.url }),
    );
    ratingPath = new URL(c.url).pathname;
  });
  afterAll(async () => {
    await server?.stop();
    database?.close();
  });

  const page = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
    return { status: res.status, h: res.headers, html: await res.text() };
  };

  test.each(["/", "RATING", "/staff", "/window/W01", "/terminal/T01"])(
    "%s: a nonce CSP (frame-ancestors 'none', no unsafe-eval) that Next's own scripts carry, nosniff, no referrer, permissions",
    async (p) => {
      const { status, h, html } = await page(p === "RATING" ? ratingPath : p);
      expect(status).toBe(200);
      const csp = h.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("no-referrer");
      expect(h.get("permissions-policy")).toContain("camera=()");
      expect(h.get("strict-transport-security")).toBeNull();
      // every script in the page carries this request's nonce
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    },
  );

  test("a fresh nonce per request", async () => {
    const a = (await page("/")).h.get("content-security-policy");
    const b = (await page("/")).h.get("content-security-policy");
    expect(a).not.toBe(b);
  });

  test("the APIs, the service worker and static files do not run the proxy", async () => {
    for (const p of [
      "/api/v1/openapi.json",
      "/serwist/sw.js",
      "/manifest.webmanifest",
      "/icon.svg",
      "/offline.html",
    ]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-security-policy"), p).toBeNull();
    }
  });

  test("a path that is not valid percent-encoding: 400 in each API's own shape, never Next's bare 500", async () => {
    const v1 = await fetch(`${server.url}/api/v1/cases/%E0%A4%A`, {
      headers: { authorization: "Bearer demo-intake-key" },
    });
    expect(v1.status).toBe(400);
    expect(await v1.json()).toEqual({
      error: { code: "invalid_path", message: expect.any(String) as string },
    });
    const trpc = await fetch(`${server.url}/api/trpc/catalog.%zz`);
    expect(trpc.status).toBe(400);
    expect(await trpc.json()).toMatchObject({
      error: { code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400 } },
    });
    expect((await fetch(`${server.url}/r/%zz`)).status).toBe(400);
  });

  test("an /api path that names no endpoint answers the v1 error shape", async () => {
    const res = await fetch(`${server.url}/api/nothing/here`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: expect.stringContaining("/api/nothing/here") as string },
    });
  });

  const signIn = (headers: Record<string, string>, login = "TS0001", password = "demo-staff") =>
    fetch(`${server.url}/api/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ login, password }),
    });

  test("tRPC mutations only from the same origin: another site's Origin or Sec-Fetch-Site is refused before any work", async () => {
    const refused: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: server.url },
      { origin: "null" },
    ];
    for (const h of refused) {
      const res = await signIn(h);
      expect(res.status, JSON.stringify(h)).toBe(403);
      const body = (await res.json()) as {
        error: { message: string; data: { code: string; stack?: unknown } };
      };
      expect(body.error).toMatchObject({ message: "跨站请求被拒绝", data: { code: "FORBIDDEN" } });
      expect(body.error.data.stack).toBeUndefined();
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    // the rating submission's own static route refuses alike
    const submit = await fetch(`${server.url}/api/trpc/ratings.submit`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
      body: "{}",
    });
    expect(submit.status).toBe(403);
    // our own pages, and callers that are not browsers
    expect((await signIn({ origin: server.url, "sec-fetch-site": "same-origin" })).status).toBe(
      200,
    );
    expect((await signIn({ origin: server.url })).status).toBe(200);
    expect((await signIn({})).status).toBe(200);
    // a query is not a change: readable cross-site as before (its data is public or behind a cookie SameSite=Lax keeps)
    const query = `/api/trpc/me.codeState?input=${encodeURIComponent(JSON.stringify({ phone: "13700000000", ticket: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }))}`;
    expect(
      (await fetch(`${server.url}${query}`, { headers: { "sec-fetch-site": "cross-site" } }))
        .status,
    ).toBe(200);
  });

  test("sign-in over HTTP: the fifth wrong password answers 429 TOO_MANY_REQUESTS with the lock's words", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn({}, "TS0003", `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await signIn({}, "TS0003", "demo-staff");
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({
      error: {
        message: "密码或动态口令错误次数过多，该账号已锁定，请 15 分钟后再试",
        data: { code: "TOO_MANY_REQUESTS", domainCode: "too_many_requests" },
      },
    });
  });

  test("/api/dev/* answers in the demo (SMS_PROVIDER=outbox)", async () => {
    expect((await fetch(`${server.url}/api/dev/sms?phone=13800000000`)).status).toBe(200);
  });
});

describe("security headers and request checks (https public URL, no demo SMS outbox)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      databaseUrl: `file:${copyTemplateDb()}`,
      env: { HCP_PUBLIC_URL: "https://hcp.example.gov.cn", SMS_PROVIDER: "none" },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("HSTS and upgrade-insecure-requests when HCP_PUBLIC_URL is https", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=31536000/);
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  test("every /api/dev/* answers 404 in the v1 error shape", async () => {
    for (const p of ["/api/dev/sms?phone=13800000000", "/api/dev/writer", "/api/dev/noop"]) {
      const res = await fetch(
        `${server.url}${p}`,
        p.endsWith("noop") ? { method: "POST", body: "{}" } : {},
      );
      expect(res.status, p).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: "not_found", message: expect.any(String) as string },
      });
    }
  });

  test("the public origin counts as our own for mutations", async () => {
    const res = await fetch(`${server.url}/api/trpc/auth.signOut`, {
      method: "POST",
      headers: { origin: "https://hcp.example.gov.cn", "content-type": "application/json" },
    });
    expect(res.status).toBe(200);
  });
});
