import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";

import { jobLeases, outbox, ratings, ratingStages, workOrders } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { newWebhookSecret, startWebhookReceiver } from "@/tests/webhook-receiver";

import type { Deps } from "../deps";
import { log } from "../log";
import { deliveryState, listSms, MAX_ATTEMPTS } from "../outbox/outbox.service";
import { verifyChain } from "../ratings/chain";
import { ratingPage } from "../ratings/page.service";
import { submitRating } from "../ratings/ratings.service";
import { ZWorkOrderCreated } from "../workorders/webhook.schema";
import { flagOverdue } from "./deadlines.job";
import { writeDefaults } from "./defaults.job";
import { deliver } from "./deliveries.job";
import { acquireLease, releaseLease, underLease } from "./lease";
import { sendReminders } from "./reminders.job";

const fresh = perTestDeps();
const pinned = () => 1; // backoff at its cap, so a test knows how far to move the clock

describe("SMS reminder (article 13)", () => {
  test("24 h after completion, once", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const c = await completedCase(deps); // completed at 09:59
    clock.set("2026-03-03T09:58:59+08:00");
    expect(await sendReminders(deps)).toBe(0);
    clock.set("2026-03-03T09:59:00+08:00");
    expect(await sendReminders(deps)).toBe(1);
    expect(await sendReminders(deps)).toBe(0);
    const [sms] = await listSms(deps, c.event.case.applicant.phone);
    expect(sms?.text).toContain("社会保障卡信息变更");
    expect(sms?.text).toMatch(/http:\/\/hcp\.test\/r\/\S+/);
    // the SMS is stored sealed: neither the phone nor the text in the clear
    const stored = await deps.database.db
      .select({ payloadEnc: outbox.payloadEnc })
      .from(outbox)
      .where(eq(outbox.channel, "sms"));
    expect(stored.map((r) => r.payloadEnc.slice(0, 3))).toEqual(["v1:"]);
    expect(stored[0]!.payloadEnc).not.toContain(c.event.case.applicant.phone.slice(-4));
  });

  test("never between 21:00 and 08:00: held to 08:00", async () => {
    const { deps, clock } = await fresh("2026-03-02T22:01:00+08:00");
    await completedCase(deps); // completed 22:00
    clock.set("2026-03-03T22:00:00+08:00");
    expect(await sendReminders(deps)).toBe(0);
    clock.set("2026-03-04T07:59:59+08:00");
    expect(await sendReminders(deps)).toBe(0);
    clock.set("2026-03-04T08:00:00+08:00");
    expect(await sendReminders(deps)).toBe(1);
  });

  test("a rated case gets no reminder", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const c = await completedCase(deps);
    await submitRating(
      deps,
      { applicantId: c.applicantId, proof: "otp" },
      {
        token: c.token,
        submissionId: "s-1",
        stage: "completion",
        scores: [{ indicatorCode: "overall", level: "satisfied", tagCodes: [] }],
      },
    );
    clock.set("2026-03-04T10:00:00+08:00");
    expect(await sendReminders(deps)).toBe(0);
  });
});

describe("default rating (article 17)", () => {
  test("the day after the window closes, at the Shanghai day boundary: 非常满意 marked default, chained", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    const c = await completedCase(deps);
    clock.set("2026-03-09T23:59:59+08:00");
    expect(await writeDefaults(deps)).toBe(0);
    clock.set("2026-03-10T00:00:00+08:00");
    expect(await writeDefaults(deps)).toBe(2); // receipt and completion each keep their own default
    expect(await writeDefaults(deps)).toBe(0);
    const rows = await deps.database.db.select().from(ratings).where(eq(ratings.caseId, c.caseId));
    expect(rows.map((r) => [r.stage, r.source, r.applicantId, r.channel]).sort()).toEqual([
      ["completion", "default", null, "system"],
      ["receipt", "default", null, "system"],
    ]);
    expect(rows.find((r) => r.stage === "completion")?.overallLevel).toBe("very_satisfied");
    const stages = await deps.database.db
      .select()
      .from(ratingStages)
      .where(eq(ratingStages.caseId, c.caseId));
    expect(stages.map((s) => s.status)).toEqual(["defaulted", "defaulted"]);
    expect(await verifyChain(deps.database.db)).toEqual({ count: 2, brokenAt: null });
    expect((await ratingPage(deps, c.token, null)).state).toBe("window_closed");
  });
});

async function badRating(deps: Parameters<typeof submitRating>[0], contactConsent?: boolean) {
  const c = await completedCase(deps);
  await submitRating(
    deps,
    { applicantId: c.applicantId, proof: "otp" },
    {
      token: c.token,
      submissionId: `bad-${c.serialNo}`,
      stage: "completion",
      scores: [
        {
          indicatorCode: "overall",
          level: "very_unsatisfied",
          tagCodes: ["overall.very_unsatisfied.1"],
          text: "超过时限",
        },
      ],
      ...(contactConsent === undefined ? {} : { contactConsent }),
    },
  );
  return c;
}

describe("work orders to 12345 (article 21)", () => {
  test("delivered at least once with retries and backoff; the same webhook-id every time; verified and processed once", async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver(secret, 2);
    try {
      const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00", {
        hotlineWebhook: { url: receiver.url, secret },
      });
      const c = await badRating(deps);
      expect(await deliver(deps, pinned)).toMatchObject({ failed: 1 });
      expect(await deliver(deps, pinned)).toMatchObject({ sent: 0, failed: 0 }); // waiting for its backoff
      clock.advance(30_000);
      expect(await deliver(deps, pinned)).toMatchObject({ failed: 1 });
      clock.advance(60_000);
      expect(await deliver(deps, pinned)).toMatchObject({ sent: 1 });
      expect(receiver.attempts).toHaveLength(3);
      expect(new Set(receiver.attempts.map((a) => a.id)).size).toBe(1);
      expect(receiver.attempts.every((a) => a.verified)).toBe(true);
      expect(receiver.processed.size).toBe(1);
      const body = JSON.stringify([...receiver.processed.values()][0]);
      expect(body).toContain("社会保障卡信息变更");
      expect(body).toContain("黄*英");
      for (const secretValue of [
        c.event.case.applicant.name,
        c.event.case.applicant.idNumber,
        c.event.case.applicant.phone,
      ])
        expect(body).not.toContain(secretValue);
    } finally {
      await receiver.stop();
    }
  });

  test("同意回访 decides whether 12345 gets the phone: the body carries type work_order.created, and rater.phone only with consent", async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver(secret);
    try {
      const { deps } = await fresh("2026-03-02T10:00:00+08:00", {
        hotlineWebhook: { url: receiver.url, secret },
      });
      const without = await badRating(deps, false);
      await deliver(deps, pinned);
      const withConsent = await badRating(deps, true);
      await deliver(deps, pinned);
      expect(receiver.attempts.every((a) => a.verified)).toBe(true);
      const bodies = [...receiver.processed.values()] as {
        type: string;
        case: { serialNo: string };
        rater: { maskedName: string; phone?: string };
      }[];
      expect(bodies.map((b) => b.type)).toEqual(["work_order.created", "work_order.created"]);
      for (const b of bodies) expect(ZWorkOrderCreated.safeParse(b).success).toBe(true); // what OpenAPI documents
      const bySerial = new Map(bodies.map((b) => [b.case.serialNo, b]));
      expect(bySerial.get(without.serialNo)?.rater).toEqual({ maskedName: "黄*英" });
      expect(bySerial.get(withConsent.serialNo)?.rater).toEqual({
        maskedName: "黄*英",
        phone: withConsent.event.case.applicant.phone,
      });
      const orders = await deps.database.db
        .select({ consent: workOrders.contactConsent })
        .from(workOrders);
      expect(orders.map((o) => o.consent).sort()).toEqual([false, true]);
    } finally {
      await receiver.stop();
    }
  });

  test("a receiver that never answers well makes the order a dead letter after the last try", async () => {
    const secret = newWebhookSecret();
    const receiver = await startWebhookReceiver(secret, 1000);
    try {
      const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00", {
        hotlineWebhook: { url: receiver.url, secret },
      });
      await badRating(deps);
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        await deliver(deps, pinned);
        clock.advance(3600_000);
      }
      const [row] = await deps.database.db
        .select()
        .from(outbox)
        .where(eq(outbox.channel, "hotline"));
      expect(row).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
      expect(receiver.attempts).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await receiver.stop();
    }
  });

  test("overdue after 24:00 of the 10th working day", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    await badRating(deps);
    clock.set("2026-03-16T23:59:59+08:00");
    expect(await flagOverdue(deps)).toBe(0);
    clock.set("2026-03-17T00:00:00+08:00");
    expect(await flagOverdue(deps)).toBe(1);
    expect(await flagOverdue(deps)).toBe(0);
    const [wo] = await deps.database.db.select().from(workOrders);
    expect(wo?.overdueAt).toBe(Date.parse("2026-03-17T00:00:00+08:00"));
  });
});

describe("provincial push (article 13)", () => {
  test("waits while no URL is set, then goes out (补报); its state is queryable", async () => {
    const received: unknown[] = [];
    const { createServer } = await import("node:http");
    const srv = createServer((req, res) => {
      let b = "";
      req.on("data", (c: Buffer) => (b += c.toString()));
      req.on("end", () => {
        received.push(JSON.parse(b));
        res.writeHead(200).end("{}");
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const address = srv.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/push`;
    try {
      const { deps } = await fresh("2026-03-02T10:00:00+08:00");
      const c = await completedCase(deps);
      const receipt = await submitRating(
        deps,
        { applicantId: c.applicantId, proof: "otp" },
        {
          token: c.token,
          submissionId: "p-1",
          stage: "completion",
          scores: [{ indicatorCode: "overall", level: "satisfied", tagCodes: [] }],
        },
      );
      await deliver(deps);
      expect(await deliveryState(deps, "province", `rating:${receipt.ratingId}`)).toMatchObject({
        status: "pending",
        attempts: 0,
      });
      // the stored push holds the rating's id only, open; its body is built when it is sent
      const [row] = await deps.database.db
        .select({ payloadEnc: outbox.payloadEnc })
        .from(outbox)
        .where(eq(outbox.channel, "province"));
      expect(row?.payloadEnc).toBe(`open:{"ratingId":"${receipt.ratingId}"}`);
      // a push an older release queued sealed is still sent
      const older = await completedCase(deps);
      const olderReceipt = await submitRating(
        deps,
        { applicantId: older.applicantId, proof: "otp" },
        {
          token: older.token,
          submissionId: "p-2",
          stage: "completion",
          scores: [{ indicatorCode: "overall", level: "satisfied", tagCodes: [] }],
        },
      );
      await deps.database.write((tx) =>
        tx
          .update(outbox)
          .set({
            payloadEnc: deps.pii.encrypt(JSON.stringify({ ratingId: olderReceipt.ratingId })),
          })
          .where(eq(outbox.dedupeKey, `rating:${olderReceipt.ratingId}`)),
      );
      deps.settings.provincePushUrl = url;
      expect(await deliver(deps)).toMatchObject({ sent: 2 });
      expect(await deliveryState(deps, "province", `rating:${receipt.ratingId}`)).toMatchObject({
        status: "sent",
        attempts: 1,
      });
      expect(
        await deliveryState(deps, "province", `rating:${olderReceipt.ratingId}`),
      ).toMatchObject({ status: "sent", attempts: 1 });
      expect(received).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            projectNo: c.serialNo,
            star: 4,
            satisfaction: 2,
            evalProcess: 2,
          }),
          expect.objectContaining({ projectNo: older.serialNo }),
        ]),
      );
      expect(JSON.stringify(received)).not.toContain(c.event.case.applicant.phone);
    } finally {
      srv.close();
    }
  });
});

describe("leases", () => {
  test("one holder at a time; released or expired leases pass on", async () => {
    const { deps, clock } = await fresh();
    expect(await acquireLease(deps, "defaults", "A", 60_000)).toBe(true);
    expect(await acquireLease(deps, "defaults", "B", 60_000)).toBe(false);
    await releaseLease(deps, "defaults", "A");
    expect(await acquireLease(deps, "defaults", "B", 60_000)).toBe(true);
    clock.advance(60_001);
    expect(await acquireLease(deps, "defaults", "A", 60_000)).toBe(true);
  });

  test("a run keeps its short lease past the lease's life by renewing it; another takes it only after", async () => {
    const { deps, clock } = await fresh();
    let duringRun: boolean | null = null;
    const run = underLease(
      deps,
      "deliveries",
      "A",
      { ttlMs: 60_000, renewEveryMs: 10 },
      async () => {
        await renewedAfter(deps, () => clock.advance(50_000));
        clock.advance(50_000); // 100 s after it began: past a lease that was never renewed
        duringRun = await acquireLease(deps, "deliveries", "B", 60_000);
        return "ran";
      },
    );
    expect(await run).toEqual({ held: false, value: "ran" });
    expect(duringRun).toBe(false);
    expect(await acquireLease(deps, "deliveries", "B", 60_000)).toBe(true);
    const again = await underLease(deps, "deliveries", "A", { ttlMs: 60_000 }, () =>
      Promise.resolve(1),
    );
    expect(again).toEqual({ held: true });
  });

  test("a run that hangs past its longest run stops renewing: its lease lapses and another takes the job", async () => {
    const { deps, clock } = await fresh();
    const terms = { ttlMs: 60_000, renewEveryMs: 10, maxRunMs: 50 };
    let release = () => {};
    const hung = underLease(deps, "deliveries", "A", terms, async () => {
      await new Promise<void>((r) => (release = r));
      return "late";
    });
    // the event: the beat stops at maxRunMs and says so
    const warned = vi.spyOn(log(), "warn");
    await vi.waitFor(() =>
      expect(warned).toHaveBeenCalledWith(
        { job: "deliveries", maxRunMs: 50 },
        "job still running: its lease is no longer renewed",
      ),
    );
    warned.mockRestore();
    const lastUntil = await leaseUntil(deps);
    clock.advance(60_001);
    // an absence (no renewal after the cap) needs a window: five of the beat's periods
    await new Promise((r) => setTimeout(r, 5 * terms.renewEveryMs));
    expect(await leaseUntil(deps)).toBe(lastUntil);
    expect(await acquireLease(deps, "deliveries", "B", 60_000)).toBe(true);
    release();
    expect(await hung).toEqual({ held: false, value: "late" });
    // the late run's end does not take B's lease from it
    expect(await acquireLease(deps, "deliveries", "A", 60_000)).toBe(false);
  });
});

async function leaseUntil(deps: Deps): Promise<number> {
  return (await deps.database.db.select({ until: jobLeases.until }).from(jobLeases))[0]!.until;
}

/** moves the clock, then waits for the renewal beat to move the lease on from the new now */
async function renewedAfter(deps: Deps, move: () => void): Promise<void> {
  const first = await leaseUntil(deps);
  move();
  for (let i = 0; i < 200 && (await leaseUntil(deps)) === first; i++)
    await new Promise((r) => setTimeout(r, 10));
  expect(await leaseUntil(deps)).toBeGreaterThan(first);
}
