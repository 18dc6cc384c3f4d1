import { expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";

import { writeDefaults } from "../jobs/defaults.job";
import { ratingPage } from "./page.service";

const fresh = perTestDeps();

test("article 17 at once: a stage whose window closed shows its default on the page before the job has written it, and the same after", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const c = await completedCase(deps, {
    case: { channel: "online_pc", windowCode: undefined, staffNo: undefined },
  });
  clock.set("2026-03-10T00:00:01+08:00");
  const before = await ratingPage(deps, c.token, null);
  expect(before).toMatchObject({
    state: "window_closed",
    shown: [{ stage: "completion", source: "default", overallLevel: "very_satisfied" }],
  });
  expect(await writeDefaults(deps)).toBe(1);
  const after = await ratingPage(deps, c.token, null);
  expect(after).toMatchObject({
    state: "window_closed",
    shown: [{ stage: "completion", source: "default", overallLevel: "very_satisfied" }],
  });
  expect("shown" in after && after.shown).toHaveLength(1);
});
