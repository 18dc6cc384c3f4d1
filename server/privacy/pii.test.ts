import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createPii } from "./pii";
import { maskIdNumber, maskName, maskPhone } from "./mask";

const pii = createPii(randomBytes(32).toString("base64"));

describe("PII at rest", () => {
  test("round-trips and never stores the plaintext", () => {
    const sealed = pii.encrypt("440781199001011234");
    expect(sealed).not.toContain("440781");
    expect(pii.decrypt(sealed)).toBe("440781199001011234");
  });

  test("two encryptions of one value differ (random IV)", () => {
    expect(pii.encrypt("李敏")).not.toBe(pii.encrypt("李敏"));
  });

  test("a tampered envelope is refused", () => {
    const sealed = pii.encrypt("13800001234");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => pii.decrypt(`v1:${raw.toString("base64")}`)).toThrow();
  });

  test("blind index is stable, normalised and keyed", () => {
    expect(pii.blindIndex("id", "44078119900101123x")).toBe(pii.blindIndex("id", " 44078119900101123X "));
    expect(pii.blindIndex("id", "1")).not.toBe(pii.blindIndex("phone", "1"));
    const other = createPii(randomBytes(32).toString("base64"));
    expect(other.blindIndex("id", "1")).not.toBe(pii.blindIndex("id", "1"));
  });
});

describe("masks", () => {
  test.each([
    ["李敏", "李*"],
    ["欧阳小明", "欧**明"],
    ["", ""],
  ])("name %s → %s", (name, masked) => expect(maskName(name)).toBe(masked));
  test("id number and phone", () => {
    expect(maskIdNumber("440781199001011234")).toBe("440781********1234");
    expect(maskPhone("13812341234")).toBe("138****1234");
  });
});
