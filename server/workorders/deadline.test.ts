import { expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";

import { workOrderDueAt } from "./deadline";

const fresh = perTestDeps();

test.each([
  ["an ordinary fortnight", "2026-03-02T10:00:00+08:00", "2026-03-17T00:00:00+08:00"],
  [
    "across 国庆 2026 (Oct 1–7 off; Sep 20 and Oct 10 are make-up workdays)",
    "2026-09-28T10:00:00+08:00",
    "2026-10-17T00:00:00+08:00",
  ],
  [
    "across 春节 2026 (Feb 15–23 off; Feb 14 and 28 are make-up workdays)",
    "2026-02-12T10:00:00+08:00",
    "2026-03-05T00:00:00+08:00",
  ],
])("due at 24:00 of the 10th working day: %s", async (_name, created, due) => {
  const { deps } = await fresh();
  expect(new Date(await workOrderDueAt(deps.database.db, Date.parse(created))).toISOString()).toBe(
    new Date(Date.parse(due)).toISOString(),
  );
});
