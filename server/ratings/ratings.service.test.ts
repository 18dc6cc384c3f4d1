import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { ratings, ratingStages, workOrders } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { issueCode } from "../qr/qr.service";
import { verifyChain } from "./chain";
import { ratingPage } from "./page.service";
import { submitRating } from "./ratings.service";

const fresh = perTestDeps();
const setup = () => fresh("2026-03-02T10:00:00+08:00");
const good = (token: string, submissionId = `sub-${Math.random()}`) => ({
  token,
  submissionId,
  stage: "completion" as const,
  scores: [{ indicatorCode: "overall", level: "very_satisfied" as const, tagCodes: [] }],
});

describe("submitRating", () => {
  test("a good rating is stored once, chained, the stage becomes rated, no work order", async () => {
    const { deps } = await setup();
    const c = await completedCase(deps);
    const receipt = await submitRating(
      deps,
      { applicantId: c.applicantId, proof: "otp" },
      good(c.token, "sub-1"),
    );
    expect(receipt.replay).toBe(false);
    // double tap, replay, second device: the first answer, nothing written
    expect(
      await submitRating(
        deps,
        { applicantId: c.applicantId, proof: "otp" },
        good(c.token, "sub-1"),
      ),
    ).toEqual({ ...receipt, replay: true });
    expect(
      await submitRating(
        deps,
        { applicantId: c.applicantId, proof: "otp" },
        good(c.token, "sub-2"),
      ),
    ).toEqual({ ...receipt, replay: true });
    expect(await deps.database.db.$count(ratings)).toBe(1);
    const [stage] = await deps.database.db
      .select()
      .from(ratingStages)
      .where(eq(ratingStages.caseId, c.caseId));
    expect(stage).toBeTruthy();
    expect(
      (
        await deps.database.db.select().from(ratingStages).where(eq(ratingStages.caseId, c.caseId))
      ).find((s) => s.stage === "completion")?.status,
    ).toBe("rated");
    expect(await deps.database.db.$count(workOrders)).toBe(0);
    expect(await verifyChain(deps.database.db)).toEqual({ count: 1, brokenAt: null });
  });

  test("不满意 with no reason is refused and nothing is stored; with a reason it is stored with a work order due in 10 working days", async () => {
    const { deps } = await setup();
    const c = await completedCase(deps);
    const session = { applicantId: c.applicantId, proof: "otp" as const };
    const bad = {
      ...good(c.token),
      scores: [{ indicatorCode: "overall", level: "unsatisfied" as const, tagCodes: [] }],
    };
    await expect(submitRating(deps, session, bad)).rejects.toMatchObject({ code: "invalid" });
    expect(await deps.database.db.$count(ratings)).toBe(0);
    await submitRating(deps, session, {
      ...bad,
      scores: [
        { indicatorCode: "overall", level: "unsatisfied", tagCodes: [], text: "<b>等了两小时</b>" },
      ],
    });
    const [wo] = await deps.database.db.select().from(workOrders);
    expect(wo?.dueAt).toBe(Date.parse("2026-03-17T00:00:00+08:00"));
    const [r] = await deps.database.db.select().from(ratings);
    expect(r).toMatchObject({
      bad: true,
      overallLevel: "unsatisfied",
      catalogVersion: 1,
      channel: "qr",
      stage: "completion",
      source: "rater",
    });
  });

  test("another applicant cannot rate this case", async () => {
    const { deps } = await setup();
    const c = await completedCase(deps);
    await expect(
      submitRating(deps, { applicantId: "someone-else", proof: "otp" }, good(c.token)),
    ).rejects.toMatchObject({ code: "forbidden" });
    const page = await ratingPage(deps, c.token, { applicantId: "someone-else", proof: "otp" });
    expect(page.state).toBe("wrong_person");
  });

  test("the page's header names the item and the office in the reader's language", async () => {
    const { deps } = await setup();
    const c = await completedCase(deps);
    const header = async (locale: "zh-CN" | "zh-TW" | "en") => {
      const page = await ratingPage(deps, c.token, null, false, locale);
      return "header" in page ? { item: page.header.itemName, org: page.header.orgName } : null;
    };
    expect(await header("zh-CN")).toEqual({ item: "社会保障卡信息变更", org: "台山市" });
    expect(await header("zh-TW")).toEqual({ item: "社會保障卡信息變更", org: "台山市" });
    expect(await header("en")).toEqual({
      item: "Change of social security card details",
      org: "Taishan City",
    });
  });

  test("a stored rating's written reason is shown to the applicant only; its levels and tags to anyone with the code", async () => {
    const { deps } = await setup();
    const c = await completedCase(deps);
    const mine = { applicantId: c.applicantId, proof: "otp" as const };
    const scores = [
      {
        indicatorCode: "overall",
        level: "unsatisfied" as const,
        tagCodes: ["overall.unsatisfied.1"],
        text: "窗口的人说我的材料不对",
      },
    ];
    await submitRating(deps, mine, { ...good(c.token), scores });
    const overall = async (session: typeof mine | null) => {
      const page = await ratingPage(deps, c.token, session);
      return "shown" in page ? page.shown[0]?.scores[0] : undefined;
    };
    expect(await overall(mine)).toMatchObject({
      level: "unsatisfied",
      text: "窗口的人说我的材料不对",
    });
    for (const stranger of [null, { applicantId: "someone-else", proof: "otp" as const }]) {
      const seen = await overall(stranger);
      expect(seen).toMatchObject({
        level: "unsatisfied",
        tagCodes: ["overall.unsatisfied.1"],
        textHidden: true,
      });
      expect(seen?.tagTexts[0]).toBeTruthy();
      expect(JSON.stringify(seen)).not.toContain("材料不对");
    }
  });

  test("the window closes at 24:00 Shanghai of the 7th day: then refused, and the page says window_closed", async () => {
    const { deps, clock } = await setup();
    const c = await completedCase(deps);
    clock.set("2026-03-09T23:59:59+08:00");
    expect((await ratingPage(deps, c.token, null)).state).toBe("open");
    clock.set("2026-03-10T00:00:00+08:00");
    await expect(
      submitRating(deps, { applicantId: c.applicantId, proof: "otp" }, good(c.token)),
    ).rejects.toMatchObject({ code: "gone" });
    expect((await ratingPage(deps, c.token, null)).state).toBe("window_closed");
  });

  test("a tampered rating breaks the chain at that link", async () => {
    const { deps } = await setup();
    for (let i = 0; i < 3; i++) {
      const c = await completedCase(deps);
      await submitRating(deps, { applicantId: c.applicantId, proof: "otp" }, good(c.token));
    }
    expect(await verifyChain(deps.database.db)).toEqual({ count: 3, brokenAt: null });
    // an attacker with the file drops the append-only trigger and edits rating #2
    await deps.database.client.execute("drop trigger ratings_no_update");
    await deps.database.client.execute(
      "update ratings set overall_level = 'very_unsatisfied' where seq = 2",
    );
    expect(await verifyChain(deps.database.db)).toMatchObject({ brokenAt: 2 });
  });

  test("page states: receipt before completion, open after, rated after rating", async () => {
    const { deps } = await setup();
    const c = await completedCase(deps);
    const session = { applicantId: c.applicantId, proof: "otp" as const };
    const open = await ratingPage(deps, c.token, session);
    expect(open).toMatchObject({
      state: "open",
      stage: "completion",
      alsoOpen: "receipt",
      needsProof: false,
    });
    expect(await ratingPage(deps, c.token, null)).toMatchObject({
      state: "open",
      needsProof: true,
      maskedPhone: "139****1234",
    });
    await submitRating(deps, session, good(c.token));
    expect(await ratingPage(deps, c.token, session)).toMatchObject({
      state: "receipt",
      stage: "receipt",
    });
    expect((await ratingPage(deps, "not-a-token-at-all", null)).state).toBe("invalid");
  });
});

describe("dynamic codes on the page", () => {
  test("expire after minutes: the page says expired", async () => {
    const { deps, clock } = await setup();
    const c = await completedCase(deps);
    const code = await issueCode(deps, {
      serialNo: c.serialNo,
      kind: "dynamic",
      windowCode: "W01",
      staffNo: "TS0001",
    });
    expect((await ratingPage(deps, code.token, null)).state).toBe("open");
    clock.advance(5 * 60_000 + 1000);
    expect((await ratingPage(deps, code.token, null)).state).toBe("expired");
  });
});

type Receipt = Awaited<ReturnType<typeof submitRating>>;

describe("submitRating, many at once (db/writer.ts sends a group's probes together)", () => {
  test("one chain, each stage rated once, a replay in the same group answers the first, and few groups", async () => {
    const { deps } = await setup();
    const done: Awaited<ReturnType<typeof completedCase>>[] = [];
    for (let i = 0; i < 12; i++) done.push(await completedCase(deps));
    const before = deps.database.writerStats();
    const as = (c: (typeof done)[number]) => ({
      applicantId: c.applicantId,
      proof: "otp" as const,
    });
    const receipts = await Promise.all([
      ...done.map((c, i) => submitRating(deps, as(c), good(c.token, `many-${i}`))),
      // the same tap twice, and the same stage from a second phone, queued behind the first
      submitRating(deps, as(done[0]!), good(done[0]!.token, "many-0")),
      submitRating(deps, as(done[1]!), good(done[1]!.token, "many-1-second-phone")),
    ]);
    expect(receipts.filter((r) => !r.replay)).toHaveLength(12);
    // which of a pair reaches the writer first depends on its reads outside it (token, session):
    // under load the later call can win; the other is answered with the winner's rating
    const pairs: [Receipt, Receipt][] = [
      [receipts[0], receipts[12]!],
      [receipts[1], receipts[13]!],
    ];
    for (const [a, b] of pairs) {
      const [first, again] = a.replay ? [b, a] : [a, b];
      expect(first.replay).toBe(false);
      expect(again).toEqual({ ...first, replay: true });
    }
    expect(await verifyChain(deps.database.db)).toEqual({ count: 12, brokenAt: null });
    const after = deps.database.writerStats();
    expect(after.writes - before.writes).toBe(14);
    // they shared groups (how many depends on when each finished its reads outside the writer)
    expect(after.groups - before.groups).toBeLessThan(14);
    expect(after.replays - before.replays).toBe(0);
  });
});
