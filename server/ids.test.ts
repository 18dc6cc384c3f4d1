import { decodeTime, isValid } from "ulidx";
import { expect, test } from "vitest";

import { newId } from "./ids";

test("ids are valid ULIDs carrying their creation time, unique and time-sortable", () => {
  const t = Date.parse("2026-11-24T10:00:00Z");
  const id = newId(t);
  expect(id).toHaveLength(26);
  expect(isValid(id)).toBe(true);
  expect(decodeTime(id)).toBe(t);
  const many = Array.from({ length: 10_000 }, () => newId());
  expect(new Set(many).size).toBe(10_000);
  expect(newId(t) < newId(t + 1)).toBe(true);
});

test("ids of one millisecond sort in the order they were made, even with other times' ids made between them", () => {
  const t = Date.parse("2026-12-03T10:00:00Z");
  const job: string[] = [];
  const others: string[] = [];
  for (let i = 0; i < 5000; i++) {
    job.push(newId(t));
    // a citizen's id at their own moment, and an older time, in between the job's
    others.push(newId(t + 1 + (i % 3)), newId(t - 86_400_000));
  }
  expect([...job].sort()).toEqual(job);
  expect(new Set([...job, ...others]).size).toBe(job.length + others.length);
  for (const id of job) expect(decodeTime(id)).toBe(t);
  // the next id is not the last one plus one: its random part steps on by a random amount
  const randomOf = (id: string) =>
    [...id.slice(10)].reduce(
      (n, c) => n * 32n + BigInt("0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c)),
      0n,
    );
  const steps = job.slice(1).map((id, i) => randomOf(id) - randomOf(job[i]!));
  expect(steps.every((d) => d >= 1n && d <= 2n ** 32n)).toBe(true);
  expect(new Set(steps).size).toBeGreaterThan(4900);
});
