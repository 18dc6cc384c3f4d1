import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import type { Database } from "@/db/client";
import { cases } from "@/db/schema";
import { systemClock } from "@/server/clock";

import { v1 } from "../api/v1-client";
import { DEMO_KEYS } from "../constants";
import { depsOf } from "../db";
import { openDemoDatabase } from "../demo-db";
import { caseEvent } from "../factories";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";
import { type Sqld, startSqld } from "../sqld";
import { type Rater, submitRating } from "./load";

/** SPEC §10: the libSQL server stalls (SIGSTOP) or restarts; the app answers 503 in time and recovers. */
describe.each(["http", "ws"] as const)("the database away, over %s", (scheme) => {
  let sqld: Sqld;
  let database: Database;
  let server: RunningServer;
  let rater: Rater;
  beforeAll(async () => {
    sqld = await startSqld();
    database = await openDemoDatabase(sqld.url);
    rater = await signedInRater(depsOf(database, inject("dataKey"), systemClock), 6100);
    // the job timer on: the jobs meet the stall too, and must wait it out
    // Hrana over HTTP, or over one WebSocket kept open (which must come back after the server did)
    server = await startServer({
      databaseUrl: sqld.url.replace(/^http:/, `${scheme}:`),
      env: { JOBS_INTERVAL_S: "1" },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    database?.close();
    await sqld?.stop();
  });

  const timed = async <T>(fn: () => Promise<T>) => {
    const t0 = Date.now();
    const value = await fn();
    return { value, ms: Date.now() - t0 };
  };

  test("sqld stalled: 503 unavailable with Retry-After within 5 s, never a hang or a 500; health stays 200; service resumes by itself", async () => {
    const api = v1(server.url);
    expect((await api.post("/api/v1/case-events", caseEvent())).status).toBe(200);
    sqld.pause();
    try {
      const during = caseEvent();
      const event = await timed(() =>
        fetch(`${server.url}/api/v1/case-events`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${DEMO_KEYS.intake}`,
          },
          body: JSON.stringify(during),
        }),
      );
      expect(event.value.status, server.output().slice(-3000)).toBe(503);
      expect(event.value.headers.get("retry-after")).toBe("5");
      expect(await event.value.json()).toMatchObject({ error: { code: "unavailable" } });
      expect(event.ms).toBeLessThan(5000);

      const rating = await timed(() => submitRating(server.url, rater, "away-run-1", false));
      expect(rating.value.status).toBe(503);
      expect(rating.value.body).toMatchObject({ error: { data: { domainCode: "unavailable" } } });
      expect(rating.ms).toBeLessThan(5000);

      const ready = await timed(() => fetch(`${server.url}/api/ready`));
      expect(ready.value.status).toBe(503);
      expect(ready.ms).toBeLessThan(5000);
      // a page that reads the database (the home page lists the catalogue) says 503 too, not 500
      const page = await timed(() => fetch(`${server.url}/`));
      expect(page.value.status).toBe(503);
      expect(page.value.headers.get("retry-after")).toBe("5");
      expect(page.ms).toBeLessThan(5000);
      const health = await timed(() => fetch(`${server.url}/api/health`));
      expect(health.value.status).toBe(200);
      console.log(
        `${scheme}: sqld stalled: case event 503 in ${event.ms} ms, rating 503 in ${rating.ms} ms, ready 503 in ${ready.ms} ms, home page 503 in ${page.ms} ms, health 200 in ${health.ms} ms`,
      );

      sqld.resume();
      // the same event again: stored once, whether or not the stalled try had reached the database
      const until = Date.now() + 20_000;
      let again = await api.post("/api/v1/case-events", during);
      while (again.status !== 200 && Date.now() < until)
        again = await api.post("/api/v1/case-events", during);
      expect(again.status).toBe(200);
      expect(await database.db.$count(cases, inArray(cases.serialNo, [during.case.serialNo]))).toBe(
        1,
      );
      expect((await submitRating(server.url, rater, "away-run-1", false)).status).toBe(200);
      expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    } finally {
      sqld.resume();
    }
  });

  test("sqld restarted under a stream of case events: only 200 or 503, every acknowledged event stored, service resumes", async () => {
    const api = v1(server.url);
    const acked: string[] = [];
    const statuses: Record<string, number> = {};
    let restarted = false;
    let afterRestart = 0;
    async function stream(): Promise<void> {
      while (!restarted || afterRestart < 20) {
        const e = caseEvent();
        const r = await api.post("/api/v1/case-events", e);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 200) {
          acked.push(e.case.serialNo);
          if (restarted) afterRestart += 1;
        }
      }
    }
    const streams = Array.from({ length: 4 }, () => stream());
    while (acked.length < 20) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await sqld.restart();
    restarted = true;
    await Promise.all(streams);
    expect(
      Object.keys(statuses).filter((s) => s !== "200" && s !== "503"),
      server.output().slice(-3000),
    ).toEqual([]);
    const stored = await database.db
      .select({ s: cases.serialNo })
      .from(cases)
      .where(inArray(cases.serialNo, acked));
    expect(stored.length).toBe(acked.length);
    console.log(
      `${scheme}: sqld restarted in ${Date.now() - t0} ms under load: answers ${JSON.stringify(statuses)}, all ${acked.length} acknowledged events stored`,
    );
  });
});
