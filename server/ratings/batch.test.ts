import { eq } from "drizzle-orm";
import { expect, test } from "vitest";

import { ratings, ratingStages } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { completedBatch } from "@/tests/rating-fixtures";

import { verifyChain } from "./chain";
import { ratingPage } from "./page.service";
import { submitRating } from "./ratings.service";

const fresh = perTestDeps();

test("article 20: a batch of three is rated once and the rating is written for every case, linked by the batch", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  const b = await completedBatch(deps, 3);
  const session = { applicantId: b.applicantId, proof: "otp" as const };
  const page = await ratingPage(deps, b.token, session);
  expect(page).toMatchObject({
    state: "open",
    stage: "completion",
    header: { batch: b.serials.sort() },
  });

  const input = {
    token: b.token,
    submissionId: "batch-1",
    stage: "completion" as const,
    scores: [{ indicatorCode: "overall", level: "satisfied" as const, tagCodes: [] }],
  };
  const first = await submitRating(deps, session, input);
  expect(first.replay).toBe(false);
  const rows = await deps.database.db.select().from(ratings).where(eq(ratings.batchNo, b.batchNo));
  expect(rows).toHaveLength(3);
  expect(new Set(rows.map((r) => r.caseId)).size).toBe(3);
  expect(rows.every((r) => r.overallLevel === "satisfied" && r.stage === "completion")).toBe(true);
  const completion = (await deps.database.db.select().from(ratingStages)).filter(
    (s) => s.stage === "completion",
  );
  expect(completion.filter((s) => s.status === "rated")).toHaveLength(3);

  // a resend, a double tap: the first answer, nothing written
  expect(await submitRating(deps, session, input)).toEqual({ ...first, replay: true });
  expect(await submitRating(deps, session, { ...input, submissionId: "batch-2" })).toMatchObject({
    replay: true,
  });
  expect(await deps.database.db.$count(ratings)).toBe(3);
  expect(await verifyChain(deps.database.db)).toEqual({ count: 3, brokenAt: null });
  expect((await ratingPage(deps, b.token, session)).state).toBe("receipt");
});
