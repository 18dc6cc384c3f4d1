import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import type { Database } from "@/db/client";
import { accounts, cases, jobLeases, orgs, outbox, ratings, workOrders } from "@/db/schema";
import { systemClock } from "@/server/clock";
import type { Deps } from "@/server/deps";
import { LEASE_MS } from "@/server/jobs/runner";
import { verifyChain } from "@/server/ratings/chain";

import { passwordOf } from "../admin-caller";
import { PNG_BYTES, ratedCase, SERVICE_BAD } from "../admin-fixtures";
import { adminCookie } from "../api/admin-session";
import { v1 } from "../api/v1-client";
import { DEMO_KEYS } from "../constants";
import { depsOf } from "../db";
import { openDemoDatabase } from "../demo-db";
import { caseEvent, hotlineCall } from "../factories";
import { type RunningServer, startServer } from "../http-server";
import { signedInRater } from "../rating-fixtures";
import { type Sqld, startSqld } from "../sqld";
import { newWebhookSecret, startWebhookReceiver } from "../webhook-receiver";
import { type Rater, submitRating } from "./load";

const run = promisify(execFile);

/**
 * SPEC §10: two instances of the built app on one real libSQL server (sqld), the same data key,
 * the same evidence folder, each running the jobs. What one acknowledges the other reads; racing
 * replays are stored once; each work order reaches 12345 once; a kill -9 loses nothing acknowledged.
 */
describe("two instances on one sqld", () => {
  let sqld: Sqld;
  let database: Database;
  let deps: Deps;
  let a: RunningServer;
  let b: RunningServer;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let env: Record<string, string>;
  let raters: Rater[];
  const key = inject("dataKey");

  beforeAll(async () => {
    sqld = await startSqld();
    database = await openDemoDatabase(sqld.url);
    deps = depsOf(database, key, systemClock);
    raters = [];
    for (let i = 0; i < 60; i++) raters.push(await signedInRater(deps, 7000 + i));
    const secret = newWebhookSecret();
    receiver = await startWebhookReceiver(secret);
    env = {
      HOTLINE_WEBHOOK_URL: receiver.url,
      HOTLINE_WEBHOOK_SECRET: secret,
      JOBS_INTERVAL_S: "1",
      // the README's choice: evidence files in one folder every instance mounts
      HCP_FILES_DIR: join(inject("runDir"), "files-shared"),
    };
    [a, b] = await Promise.all([
      startServer({ databaseUrl: sqld.url, env }),
      startServer({ databaseUrl: sqld.url, env }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await receiver?.stop();
    database?.close();
    await sqld?.stop();
  });

  test("ready on both; what A acknowledges B reads at once; the same event racing to both answers alike and is stored once", async () => {
    for (const s of [a, b])
      expect(await (await fetch(`${s.url}/api/ready`)).json()).toEqual({
        db: "ok",
        migrations: "current",
      });
    const events = Array.from({ length: 8 }, () => caseEvent());
    for (const e of events) {
      const [ra, rb] = await Promise.all([
        v1(a.url).post("/api/v1/case-events", e),
        v1(b.url).post("/api/v1/case-events", e),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      expect(rb.body).toEqual(ra.body);
    }
    const serials = events.map((e) => e.case.serialNo);
    const [stored] = await database.db
      .select({ n: count() })
      .from(cases)
      .where(inArray(cases.serialNo, serials));
    expect(stored?.n).toBe(8);

    // one case's events on alternating instances, each read back on the other at once
    const e = caseEvent({ occurredAt: "2026-03-02T09:00:00+08:00" });
    expect((await v1(a.url).post("/api/v1/case-events", e)).status).toBe(200);
    expect((await v1(b.url).get(`/api/v1/cases/${e.case.serialNo}`)).body).toMatchObject({
      status: "received",
    });
    const decided = caseEvent({
      type: "decided",
      decision: "approved",
      occurredAt: "2026-03-02T10:00:00+08:00",
      case: e.case,
    });
    const onB = await v1(b.url).post("/api/v1/case-events", decided);
    expect(onB.status).toBe(200);
    expect((await v1(a.url).get(`/api/v1/cases/${e.case.serialNo}`)).body).toMatchObject({
      status: onB.body.status,
      ratingStages: onB.body.ratingStages,
    });
  });

  test("the same rating submission racing to both answers the same receipt and is stored once", async () => {
    const rater = raters.pop()!;
    const submissionId = "race-both-1";
    const [ra, rb] = await Promise.all([
      submitRating(a.url, rater, submissionId, false),
      submitRating(b.url, rater, submissionId, false),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    // the same receipt; the one that came second says it is a replay
    type Receipt = { result: { data: { ratingId: string; createdAt: number; replay: boolean } } };
    const [da, db] = [(ra.body as Receipt).result.data, (rb.body as Receipt).result.data];
    expect({ ...db, replay: null }).toEqual({ ...da, replay: null });
    expect([da.replay, db.replay].sort()).toEqual([false, true]);
    const [stored] = await database.db
      .select({ n: count() })
      .from(ratings)
      .where(eq(ratings.submissionId, submissionId));
    expect(stored?.n).toBe(1);
  });

  test("the same 12345 call and the same 12345 result racing to both answer alike and are stored once", async () => {
    const hotline = (s: RunningServer) => v1(s.url, DEMO_KEYS.hotline);
    const call = hotlineCall(`race-call-${Date.now().toString(36)}`);
    const [ca, cb] = await Promise.all([
      hotline(a).post("/api/v1/hotline/ratings", call),
      hotline(b).post("/api/v1/hotline/ratings", call),
    ]);
    expect([ca.status, cb.status]).toEqual([200, 200]);
    expect(cb.body).toEqual(ca.body);
    const workOrderId = String(ca.body.workOrderId);
    const result = {
      resultId: `race-res-${Date.now().toString(36)}`,
      occurredAt: "2026-03-03T10:00:00+08:00",
      status: "visited",
      verified: true,
      text: "已联系来电人",
    };
    const path = `/api/v1/hotline/work-orders/${encodeURIComponent(workOrderId)}/results`;
    const [ra, rb] = await Promise.all([
      hotline(a).post(path, result),
      hotline(b).post(path, result),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(rb.body).toEqual(ra.body);
    const [stored] = await database.db
      .select({ n: count() })
      .from(ratings)
      .where(eq(ratings.id, String(ca.body.ratingId)));
    expect(stored?.n).toBe(1);
    // and a third try, on either, finds what the first stored
    expect((await hotline(a).post(path, result)).body).toEqual(ra.body);
  });

  test("a staff session from A works on B; a lockout earned on A holds on B", async () => {
    const signIn = (url: string, login: string, password: string) =>
      fetch(`${url}/api/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: url },
        body: JSON.stringify({ login, password }),
      });
    // adminCookie expects the sign-in's 200
    const cookie = await adminCookie(a.url, "admin-440781101");
    expect(
      (
        await fetch(`${b.url}/api/trpc/appeals.list?input=${encodeURIComponent("{}")}`, {
          headers: { cookie },
        })
      ).status,
    ).toBe(200);

    for (let i = 0; i < 5; i++)
      expect((await signIn(a.url, "TS1201", "wrong-password")).status).not.toBe(200);
    const onB = await signIn(b.url, "TS1201", passwordOf("TS1201"));
    expect(onB.status).not.toBe(200);
    expect(await onB.text()).toContain("锁定");
  });

  test("an evidence file filed on A downloads from B, byte for byte", async () => {
    const { ratingId } = await ratedCase(deps, SERVICE_BAD, {
      windowCode: "W11",
      staffNo: "TS1101",
      orgCode: "440781101",
      itemCode: "ITEM-0101",
    });
    const cookie = await adminCookie(a.url, "admin-440781101");
    const form = new FormData();
    form.set("ratingId", ratingId);
    form.append("indicatorCodes", "svc.attitude");
    form.set("reason", "监控录像显示工作人员态度正常，评价不实");
    form.append("files", new Blob([PNG_BYTES], { type: "image/png" }), "录像截图.png");
    const filed = await fetch(`${a.url}/api/admin/appeals`, {
      method: "POST",
      headers: { cookie, origin: a.url },
      body: form,
    });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const { appealId } = (await filed.json()) as { appealId: string };
    const got = await fetch(
      `${b.url}/api/trpc/appeals.get?input=${encodeURIComponent(JSON.stringify({ id: appealId }))}`,
      { headers: { cookie } },
    );
    const appeal = ((await got.json()) as { result: { data: { files: { id: string }[] } } }).result
      .data;
    const file = await fetch(
      `${b.url}/api/admin/appeals/${appealId}/files/${appeal.files[0]!.id}`,
      { headers: { cookie } },
    );
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG_BYTES);
  });

  test("ratings on both, kill -9 of A under load: nothing acknowledged lost, each work order to 12345 once, verify-log intact", async () => {
    const acked: string[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    let killed = false;
    const pool = raters.splice(0, 48);
    async function stream(): Promise<void> {
      while (next < pool.length) {
        const i = next++;
        const target = i % 2 === 0 && !killed ? a : b;
        const id = `both-run-${i}`;
        try {
          const r = await submitRating(target.url, pool[i]!, id, i % 4 === 0);
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.status === 200) acked.push(id);
        } catch {
          statuses.cut = (statuses.cut ?? 0) + 1;
        }
      }
    }
    const streams = Array.from({ length: 6 }, () => stream());
    while (acked.length < 16 && next < pool.length) await new Promise((r) => setTimeout(r, 5));
    a.process.kill("SIGKILL");
    killed = true;
    const pid = a.process.pid;
    const heldByDead = (await database.db.select().from(jobLeases))
      .filter((l) => l.holder.includes(`:${pid}:`) && l.until > Date.now())
      .map((l) => l.name);
    await Promise.all(streams);
    await a.stop();
    expect(statuses["500"] ?? 0).toBe(0);

    const stored = await database.db
      .select({ id: ratings.submissionId })
      .from(ratings)
      .where(inArray(ratings.submissionId, acked));
    expect(stored.length).toBe(acked.length);

    // A again; both deliver work orders, each under one webhook-id
    a = await startServer({ databaseUrl: sqld.url, env });
    const orders = await database.db.select({ id: workOrders.id }).from(workOrders);
    expect(orders.length).toBeGreaterThan(0);
    // A may have died holding the deliveries' lease: B takes it over once it runs out
    const until = Date.now() + LEASE_MS + 30_000;
    while (
      new Set(
        [...receiver.processed.values()].map((p) => (p as { workOrderId: string }).workOrderId),
      ).size < orders.length
    ) {
      if (Date.now() > until) {
        // what a failure needs to be read: the queue's rows and who holds the jobs
        const queue = await database.db
          .select({ status: outbox.status, attempts: outbox.attempts, error: outbox.lastError })
          .from(outbox)
          .where(eq(outbox.channel, "hotline"));
        const leases = await database.db.select().from(jobLeases);
        throw new Error(
          `only ${receiver.processed.size} of ${orders.length} work orders reached the receiver ` +
            `at ${Date.now()}; queue ${JSON.stringify(queue)}; leases ${JSON.stringify(leases)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const idsByOrder = new Map<string, Set<string>>();
    for (const [id, payload] of receiver.processed) {
      const order = (payload as { workOrderId: string }).workOrderId;
      idsByOrder.set(order, (idsByOrder.get(order) ?? new Set()).add(id));
    }
    expect([...idsByOrder.values()].every((ids) => ids.size === 1)).toBe(true);

    const chain = await verifyChain(database.db);
    expect(chain.brokenAt).toBeNull();
    const verify = await run(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "scripts/verify-log.ts"],
      {
        env: { ...process.env, DATABASE_URL: sqld.url, HCP_DATA_KEY: key },
      },
    );
    expect(verify.stdout).toContain("rating log intact");
    console.log(
      `two instances: ${acked.length} ratings acknowledged (${JSON.stringify(statuses)}), all ${stored.length} found after kill -9 of A; ` +
        `A died holding the leases of [${heldByDead.join(", ")}]; ` +
        `${orders.length} work orders, each delivered under one webhook-id (${receiver.attempts.length} deliveries tried); ${verify.stdout.trim()}`,
    );
  }, 150_000);

  test("a further instance starting beside the serving ones migrates and seeds nothing again", async () => {
    const before = await Promise.all([
      database.db.$count(orgs),
      database.db.$count(accounts),
      database.db.$count(ratings),
    ]);
    const setup = await run(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "scripts/setup-db.ts"],
      {
        env: {
          ...process.env,
          DATABASE_URL: sqld.url,
          HCP_DATA_KEY: key,
          INTAKE_API_KEY: DEMO_KEYS.intake,
        },
      },
    );
    expect(setup.stdout).toContain("data kept");
    const c = await startServer({ databaseUrl: sqld.url, env });
    try {
      expect((await fetch(`${c.url}/api/ready`)).status).toBe(200);
      expect(
        await Promise.all([
          database.db.$count(orgs),
          database.db.$count(accounts),
          database.db.$count(ratings),
        ]),
      ).toEqual(before);
    } finally {
      await c.stop();
    }
  });
});
