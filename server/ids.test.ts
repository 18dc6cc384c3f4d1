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
