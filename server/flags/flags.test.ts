import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { auditLog, coercionFlags, ratings } from "@/db/schema";
import { adminCtxAs, callerAs, ratedCase, sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import type { Deps } from "../deps";
import { newId } from "../ids";
import { writeChainedRating } from "../ratings/chain-write";
import { findCoercion } from "./flags.job";
import { deviceRuns, fastDays, HOUR } from "./flags.rules";
import { listFlags, reviewFlag, ZListFlags } from "./flags.service";

const fresh = perTestDeps();
const T0 = Date.parse("2026-03-02T10:00:00+08:00");

describe("article 4 patterns (pure)", () => {
  const r = (id: string, applicantId: string, hours: number, deviceHash = "dev-a") => ({
    id,
    deviceHash,
    applicantId,
    serialNo: `S${id}`,
    createdAt: T0 + hours * HOUR,
  });

  test("one device rating 3 different applicants within 24 h is a run; 2 applicants, or 3 over 25 h, are not", () => {
    expect(deviceRuns([r("1", "a", 0), r("2", "b", 3), r("3", "c", 23)], 3)).toMatchObject([
      { deviceHash: "dev-a", applicants: 3 },
    ]);
    expect(deviceRuns([r("1", "a", 0), r("2", "b", 3), r("3", "a", 5), r("4", "b", 6)], 3)).toEqual(
      [],
    );
    expect(deviceRuns([r("1", "a", 0), r("2", "b", 12), r("3", "c", 25)], 3)).toEqual([]);
    // other devices do not add up
    expect(deviceRuns([r("1", "a", 0), r("2", "b", 1), r("3", "c", 2, "dev-b")], 3)).toEqual([]);
  });

  test("a window's day is flagged when most of its 非常满意 came within 60 s of completion, at least 5 of them", () => {
    const w = (id: string, seconds: number, level = "very_satisfied") => ({
      id,
      windowId: "w1",
      day: "2026-03-02",
      level,
      serialNo: id,
      completedAt: T0,
      createdAt: T0 + seconds * 1000,
    });
    const opts = { seconds: 60, share: 0.5, minimum: 5 };
    const fast = ["1", "2", "3", "4", "5"].map((id) => w(id, 30));
    expect(fastDays([...fast, w("6", 3600)], opts)).toMatchObject([
      { windowId: "w1", verySatisfied: 6, share: 5 / 6 },
    ]);
    expect(
      fastDays([...fast, ...["6", "7", "8", "9", "10"].map((id) => w(id, 600))], opts),
    ).toEqual([]);
    expect(fastDays(fast.slice(0, 4), opts)).toEqual([]);
    // a 不满意 right after completion is no sign of pressure toward a good rating
    expect(
      fastDays(
        ["1", "2", "3", "4", "5"].map((id) => w(id, 10, "unsatisfied")),
        opts,
      ),
    ).toEqual([]);
  });
});

async function deviceRating(deps: Deps, applicantId: string, deviceHash: string) {
  const now = deps.clock.now();
  await deps.database.write((tx) =>
    writeChainedRating(
      deps,
      tx,
      {
        id: newId(now),
        submissionId: `sub-${newId()}`,
        stageId: null,
        caseId: null,
        stage: "completion",
        callId: null,
        applicantId,
        source: "rater",
        channel: "qr",
        proof: "otp",
        catalogVersion: 1,
        overallLevel: "very_satisfied",
        bad: false,
        scores: JSON.stringify([
          { indicatorCode: "overall", level: "very_satisfied", tagCodes: [] },
        ]),
        batchNo: null,
        themeNo: null,
        staffId: null,
        windowId: null,
        deviceHash,
        createdAt: now,
      },
      { orgId: null },
    ),
  );
}

describe("the coercion job", () => {
  test("finds both patterns once, names no rater, changes no rating; the bureau reviews with a note (audited)", async () => {
    const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
    // five cases of W01 rated 非常满意 a minute after completion, and one rated much later
    for (let i = 0; i < 5; i++)
      await ratedCase(deps, [{ indicatorCode: "overall", level: "very_satisfied", tagCodes: [] }]);
    for (const a of ["ap-1", "ap-2", "ap-3"]) {
      clock.advance(HOUR);
      await deviceRating(deps, a, "phone-1");
    }
    const before = await deps.database.db.select().from(ratings);
    expect(await findCoercion(deps)).toEqual({ device: 1, windowFast: 0 });
    // the window's day is judged once it is over
    clock.set("2026-03-03T08:00:00+08:00");
    expect(await findCoercion(deps)).toEqual({ device: 0, windowFast: 1 });
    expect(await findCoercion(deps)).toEqual({ device: 0, windowFast: 0 });
    expect(await deps.database.db.select().from(ratings)).toEqual(before);

    const flags = await listFlags(deps, ZListFlags.parse({ reviewed: false }));
    expect(flags.map((f) => f.kind).sort()).toEqual(["device", "window_fast"]);
    const fast = flags.find((f) => f.kind === "window_fast")!;
    expect(fast).toMatchObject({
      day: "2026-03-02",
      evidence: { window: "W01", verySatisfied: 5, fast: 5 },
    });
    expect(fast.evidence.ratings.every((r) => r.seconds === 60 && r.serialNo)).toBe(true);
    const device = flags.find((f) => f.kind === "device")!;
    expect(device.evidence.ratings.map((r) => r.applicant)).toEqual([
      "申请人1",
      "申请人2",
      "申请人3",
    ]);
    expect(JSON.stringify(flags)).not.toMatch(/ap-1|黄秀英|13902221234/);

    const bureau = await adminCtxAs(deps, "bureau");
    await reviewFlag(bureau, { id: fast.id, note: "已调看录像，系申请人自愿当场评价" });
    await expect(reviewFlag(bureau, { id: fast.id, note: "再看一次" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(reviewFlag(bureau, { id: device.id, note: " " })).rejects.toMatchObject({
      code: "invalid",
      details: { field: "note" },
    });
    const [row] = await deps.database.db
      .select()
      .from(coercionFlags)
      .where(eq(coercionFlags.id, fast.id));
    expect(row).toMatchObject({
      reviewedBy: bureau.actor.name,
      reviewNote: "已调看录像，系申请人自愿当场评价",
    });
    expect(await deps.database.db.$count(auditLog, eq(auditLog.action, "flag.review"))).toBe(1);
    expect(await deps.database.db.select().from(ratings)).toEqual(before);
  });

  test("only the bureau sees and reviews flags", async () => {
    const { deps } = await fresh();
    const admin = callerAs(deps, await sessionOf(deps, "admin-440781"));
    await expect(admin.flags.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.flags.review({ id: "x", note: "看过了" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await callerAs(deps, await sessionOf(deps, "bureau")).flags.list({})).toEqual([]);
  });
});
