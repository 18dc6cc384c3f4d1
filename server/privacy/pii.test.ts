import { randomBytes } from "node:crypto";

import { describe, expect, test } from "vitest";

import { maskIdNumber, maskName, maskPhone } from "./mask";
import { createPii, SuiteMismatchError } from "./pii";
import { SUITES } from "./suite";

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
    expect(pii.blindIndex("id", "44078119900101123x")).toBe(
      pii.blindIndex("id", " 44078119900101123X "),
    );
    expect(pii.blindIndex("id", "1")).not.toBe(pii.blindIndex("phone", "1"));
    const other = createPii(randomBytes(32).toString("base64"));
    expect(other.blindIndex("id", "1")).not.toBe(pii.blindIndex("id", "1"));
  });
});

describe("the two suites (HCP_CRYPTO)", () => {
  const key = randomBytes(32).toString("base64");
  const std = createPii(key, "std");
  const gm = createPii(key, "gm");

  test("std still opens and finds what the code before the gm suite sealed (fixed vector)", () => {
    const old = createPii(Buffer.alloc(32, 7).toString("base64"));
    expect(old.decrypt("v1:mEyF8x3OhVbXe43SJuITtUmbhghRHLF4XbvpR6QY9OiViE67CA==")).toBe("黄秀英");
    expect(old.blindIndex("phone", "13902221234")).toBe(
      "uHpnSXA4aPWg-Dapl2OVfNLN8KEQAz3hxJswKDTPJKs",
    );
    expect(old.digest("otp", "x")).toBe("YSoiL550O9B9Hc7dOmoLojMceh1UNsc7dwX64FRz1cQ");
  });

  test("gm seals with SM4 under its own prefix, round-trips, and differs each time", () => {
    const sealed = gm.encrypt("440781199001011234");
    expect(sealed).toMatch(/^g1:/);
    expect(gm.decrypt(sealed)).toBe("440781199001011234");
    expect(gm.encrypt("李敏")).not.toBe(gm.encrypt("李敏"));
    // 16-byte nonce, ciphertext as long as the plaintext (CTR), 32-byte HMAC-SM3 tag
    expect(Buffer.from(gm.encrypt("李敏").slice(3), "base64")).toHaveLength(16 + 6 + 32);
  });

  test("gm refuses a flipped bit anywhere: nonce, ciphertext or tag", () => {
    const raw = Buffer.from(gm.encrypt("13800001234").slice(3), "base64");
    for (const at of [0, 20, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] = (bad[at] ?? 0) ^ 1;
      expect(() => gm.decrypt(`g1:${bad.toString("base64")}`)).toThrow(/HMAC-SM3/);
    }
  });

  test("a value of the other suite is named, never mis-read", () => {
    expect(() => std.decrypt(gm.encrypt("x"))).toThrow(SuiteMismatchError);
    expect(() => gm.decrypt(std.encrypt("x"))).toThrow(/sealed under std .*HCP_CRYPTO=gm/);
  });

  test("gm's blind index and digests are HMAC-SM3: keyed, normalised, and not std's", () => {
    expect(gm.blindIndex("id", "44078119900101123x")).toBe(
      gm.blindIndex("id", " 44078119900101123X "),
    );
    expect(gm.blindIndex("id", "1")).not.toBe(std.blindIndex("id", "1"));
    expect(gm.digest("otp", "1")).not.toBe(std.digest("otp", "1"));
  });

  test("SM3 gives the GB/T 32905 test vector; both chain hashes are 64 hex characters", () => {
    expect(SUITES.gm.hash("abc")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
    expect(SUITES.std.hash("a", "bc")).toBe(SUITES.std.hash("abc"));
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
