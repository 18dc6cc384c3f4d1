import { CompactSign, generateKeyPair } from "jose";
import QRCode from "qrcode";
import { describe, expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { tamper } from "@/tests/tamper";

import { recordCaseEvent } from "../cases/cases.service";
import type { Deps } from "../deps";
import { activeKey } from "./keys.service";
import {
  decodeSubject,
  encodeSubject,
  packClaims,
  type QrClaims,
  staticExpiry,
  unpackClaims,
} from "./qr.rules";
import { issueCode, revokeCode, useDynamicCode, verifyToken } from "./qr.service";

const setup = perTestDeps();

const refusal = (code: string, reason?: string) => ({
  name: "DomainError",
  code,
  ...(reason ? { details: { reason } } : {}),
});

/** A completed window case: both rating stages open, so both have a closing time. */
async function completedCase(deps: Deps, o: Parameters<typeof caseEvent>[0] = {}) {
  const received = caseEvent(o);
  await recordCaseEvent(deps, "test", received);
  const done = await recordCaseEvent(
    deps,
    "test",
    caseEvent({
      type: "decided",
      decision: "approved",
      occurredAt: "2026-03-02T10:00:00+08:00",
      case: received.case,
    }),
  );
  return { serialNo: received.case.serialNo, answer: done };
}

describe("issueCode and verifyToken", () => {
  test("a static code round-trips and lives until the case's last rating window closes", async () => {
    const { deps } = await setup();
    const { serialNo, answer } = await completedCase(deps);
    const code = await issueCode(deps, { serialNo, kind: "static" });
    const lastClose = Math.max(...answer.ratingStages.map((s) => Date.parse(s.closesAt!)));
    expect(code.expiresAt).toBe(new Date(Math.floor(lastClose / 1000) * 1000).toISOString());
    expect(code.url).toBe(`http://hcp.test/r/${code.token}`);
    expect(code.svg).toMatch(/^<svg /);
    const { kid } = await activeKey(deps);
    expect(await verifyToken(deps, code.token)).toEqual({
      subject: { type: "case", value: serialNo },
      kind: "static",
      exp: Date.parse(code.expiresAt),
      iat: deps.clock.now(),
      caseRef: expect.any(String) as string,
      expired: false,
      used: false,
      kid,
    });
  });

  test("a static code for a case with a pending stage falls back to 90 days", async () => {
    const { deps } = await setup();
    const e = caseEvent();
    await recordCaseEvent(deps, "test", e);
    const code = await issueCode(deps, { serialNo: e.case.serialNo, kind: "static" });
    expect(Date.parse(code.expiresAt)).toBe(deps.clock.now() + 90 * 24 * 3600_000);
  });

  test("a dynamic code names the window and staff, lives 5 minutes and carries a short jti", async () => {
    const { deps } = await setup();
    const { serialNo } = await completedCase(deps);
    const code = await issueCode(deps, {
      serialNo,
      kind: "dynamic",
      windowCode: "W02",
      staffNo: "TS0002",
    });
    const v = await verifyToken(deps, code.token);
    expect(v).toMatchObject({
      subject: { type: "case", value: serialNo },
      kind: "dynamic",
      exp: deps.clock.now() + 5 * 60_000,
      windowCode: "W02",
      staffNo: "TS0002",
    });
    expect(v.jti).toMatch(/^[\w-]{12}$/);
    const bare = await verifyToken(
      deps,
      (await issueCode(deps, { serialNo, kind: "dynamic", windowCode: "W01" })).token,
    );
    expect(bare.staffNo).toBeUndefined();
    expect(bare.jti).not.toBe(v.jti);
  });

  test("batch and theme codes name every case of the batch or theme", async () => {
    const { deps } = await setup();
    await completedCase(deps, {
      case: { batchNo: "PC-2026-0001", themeNo: "ZT-01", themeName: "开办餐饮店" },
    });
    await completedCase(deps, {
      case: { batchNo: "PC-2026-0001", themeNo: "ZT-01", themeName: "开办餐饮店" },
    });
    const batch = await verifyToken(
      deps,
      (await issueCode(deps, { batchNo: "PC-2026-0001", kind: "static" })).token,
    );
    expect(batch.subject).toEqual({ type: "batch", value: "PC-2026-0001" });
    const theme = await verifyToken(
      deps,
      (await issueCode(deps, { themeNo: "ZT-01", kind: "dynamic", windowCode: "W01" })).token,
    );
    expect(theme.subject).toEqual({ type: "theme", value: "ZT-01" });
  });

  test("unknown subjects are not found; a dynamic code needs a known window and staff", async () => {
    const { deps } = await setup();
    const { serialNo } = await completedCase(deps);
    await expect(
      issueCode(deps, { serialNo: "NO-SUCH-CASE", kind: "static" }),
    ).rejects.toMatchObject(refusal("not_found"));
    await expect(
      issueCode(deps, { batchNo: "NO-SUCH-BATCH", kind: "static" }),
    ).rejects.toMatchObject(refusal("not_found"));
    await expect(
      issueCode(deps, { themeNo: "NO-SUCH-THEME", kind: "static" }),
    ).rejects.toMatchObject(refusal("not_found"));
    await expect(issueCode(deps, { serialNo, kind: "dynamic" })).rejects.toMatchObject(
      refusal("invalid"),
    );
    await expect(
      issueCode(deps, { serialNo, kind: "dynamic", windowCode: "W99" }),
    ).rejects.toMatchObject(refusal("invalid"));
    await expect(
      issueCode(deps, { serialNo, kind: "dynamic", windowCode: "W01", staffNo: "TS9999" }),
    ).rejects.toMatchObject(refusal("invalid"));
  });

  test("a 64-character serialNo with every dynamic claim still fits 230 characters and QR version 10", async () => {
    const { deps } = await setup();
    const serialNo = "TS".padEnd(64, "9");
    await completedCase(deps, { case: { serialNo } });
    for (const publicUrl of [
      "http://hcp.test",
      "http://127.0.0.1:65535",
      "https://hcp.taishan.gov.cn",
    ]) {
      const code = await issueCode(
        { ...deps, settings: { ...deps.settings, publicUrl } },
        { serialNo, kind: "dynamic", windowCode: "W01", staffNo: "TS0001" },
      );
      expect(code.url.length).toBeLessThanOrEqual(230);
      expect(QRCode.create(code.url, { errorCorrectionLevel: "M" }).version).toBeLessThanOrEqual(
        10,
      );
    }
    const tooLong = {
      ...deps,
      settings: { ...deps.settings, publicUrl: `https://${"x".repeat(60)}.example` },
    };
    await expect(
      issueCode(tooLong, { serialNo, kind: "dynamic", windowCode: "W01" }),
    ).rejects.toMatchObject(refusal("invalid"));
  });
});

describe("verifyToken refuses", () => {
  test("a tampered header, payload or signature, and garbage", async () => {
    const { deps } = await setup();
    const { serialNo } = await completedCase(deps);
    const { token } = await issueCode(deps, { serialNo, kind: "static" });
    for (const bad of [
      tamper(token, 0),
      tamper(token, 1),
      tamper(token, 2),
      "",
      "a.b",
      "not a token",
      `${token}.x`,
    ]) {
      await expect(verifyToken(deps, bad), bad).rejects.toMatchObject(refusal("invalid"));
    }
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const { kid } = await activeKey(deps);
    const otherHeader = Buffer.from(JSON.stringify({ alg: "EdDSA", kid, typ: "x" })).toString(
      "base64url",
    );
    const claims = unpackClaims(Buffer.from(payload, "base64url"))!;
    const longer = Buffer.from(packClaims({ ...claims, exp: claims.exp + 365 * 86400 })).toString(
      "base64url",
    );
    // the signature is decoded here, not by jose: a short, long or one-byte signature is refused, never an error
    const cut = [signature.slice(0, 40), `${signature}AAAA`, "A"].map(
      (sig) => `${header}.${payload}.${sig}`,
    );
    for (const bad of [
      `${otherHeader}.${payload}.${signature}`,
      `${header}.${longer}.${signature}`,
      ...cut,
    ]) {
      await expect(verifyToken(deps, bad)).rejects.toMatchObject(refusal("invalid"));
    }
  });

  test("a token signed by a key the database does not know, under a known or an unknown kid", async () => {
    const { deps } = await setup();
    const { serialNo } = await completedCase(deps);
    const { token } = await issueCode(deps, { serialNo, kind: "static" });
    const { kid } = await activeKey(deps);
    const payload = Buffer.from(token.split(".")[1]!, "base64url");
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    for (const k of [kid, "zzz"]) {
      const forged = await new CompactSign(payload)
        .setProtectedHeader({ alg: "EdDSA", kid: k })
        .sign(privateKey);
      await expect(verifyToken(deps, forged)).rejects.toMatchObject(refusal("invalid"));
    }
  });

  test("an expired code is gone", async () => {
    const { deps, clock } = await setup();
    const { serialNo } = await completedCase(deps);
    const dynamic = await issueCode(deps, { serialNo, kind: "dynamic", windowCode: "W01" });
    const stat = await issueCode(deps, { serialNo, kind: "static" });
    clock.advance(5 * 60_000 - 1);
    await verifyToken(deps, dynamic.token);
    clock.advance(1);
    await expect(verifyToken(deps, dynamic.token)).rejects.toMatchObject(
      refusal("gone", "expired"),
    );
    clock.set(Date.parse(stat.expiresAt));
    await expect(verifyToken(deps, stat.token)).rejects.toMatchObject(refusal("gone", "expired"));
  });

  test("a revoked jti, and a revoked subject's codes issued up to the revocation", async () => {
    const { deps, clock } = await setup();
    const { serialNo } = await completedCase(deps);
    const other = await completedCase(deps);
    const dynamic = await issueCode(deps, { serialNo, kind: "dynamic", windowCode: "W01" });
    const sibling = await issueCode(deps, { serialNo, kind: "dynamic", windowCode: "W01" });
    const { jti } = await verifyToken(deps, dynamic.token);
    await revokeCode(deps, { jti: jti! });
    await revokeCode(deps, { jti: jti! });
    await expect(verifyToken(deps, dynamic.token)).rejects.toMatchObject(
      refusal("gone", "revoked"),
    );
    await verifyToken(deps, sibling.token);

    const before = await issueCode(deps, { serialNo, kind: "static" });
    await revokeCode(deps, { subject: { type: "case", value: serialNo } }, "receipt reprinted");
    await expect(verifyToken(deps, before.token)).rejects.toMatchObject(refusal("gone", "revoked"));
    await expect(verifyToken(deps, sibling.token)).rejects.toMatchObject(
      refusal("gone", "revoked"),
    );
    await verifyToken(
      deps,
      (await issueCode(deps, { serialNo: other.serialNo, kind: "static" })).token,
    );

    clock.advance(1000);
    const after = await issueCode(deps, { serialNo, kind: "static" });
    await verifyToken(deps, after.token);
    clock.advance(1000);
    await revokeCode(deps, { subject: { type: "case", value: serialNo } });
    await expect(verifyToken(deps, after.token)).rejects.toMatchObject(refusal("gone", "revoked"));
  });

  test("a dynamic code once used", async () => {
    const { deps } = await setup();
    const { serialNo } = await completedCase(deps);
    const code = await issueCode(deps, {
      serialNo,
      kind: "dynamic",
      windowCode: "W01",
      staffNo: "TS0001",
    });
    const { jti } = await verifyToken(deps, code.token);
    await deps.database.write((tx) => useDynamicCode(tx, jti!, "window_proof", deps.clock.now()));
    await expect(verifyToken(deps, code.token)).rejects.toMatchObject(refusal("gone", "used"));
    await expect(
      deps.database.write((tx) => useDynamicCode(tx, jti!, "window_proof", deps.clock.now())),
    ).rejects.toMatchObject(refusal("gone", "used"));
  });
});

describe("qr.rules", () => {
  const base: QrClaims = {
    subjectType: "case",
    caseRef: "01KJNV2X6Q5W3ZB8Y0C4D9E7FA",
    kind: "static",
    exp: 1_790_000_000,
    iat: 1_780_000_000,
  };

  test("claims pack and unpack; anything else is refused", () => {
    const dynamic: QrClaims = {
      ...base,
      subjectType: "theme",
      kind: "dynamic",
      iat: base.exp - 300,
      jti: "AAECAwQFBgcI",
      windowCode: "窗口1",
      staffNo: "TS0001",
    };
    for (const c of [
      base,
      dynamic,
      { ...dynamic, staffNo: undefined },
      { ...dynamic, screen: true },
    ]) {
      const { staffNo, ...rest } = c;
      expect(unpackClaims(packClaims(c))).toEqual(staffNo ? c : rest);
    }
    const packed = packClaims(base);
    expect(unpackClaims(packed.subarray(0, 24))).toBeNull();
    expect(unpackClaims(Buffer.concat([packed, Buffer.of(0)]))).toBeNull();
    expect(unpackClaims(Buffer.concat([Buffer.of(0x23), packed.subarray(1)]))).toBeNull();
    // the screen bit on a static code is nothing this format writes; a static code never carries it
    expect(
      unpackClaims(Buffer.concat([Buffer.of(packed[0]! | 0b1000), packed.subarray(1)])),
    ).toBeNull();
    expect(unpackClaims(packClaims({ ...base, screen: true }))).toEqual(base);
    expect(() => packClaims({ ...base, caseRef: "not-a-ulid" })).toThrow();
  });

  test("subjects and static expiry", () => {
    expect(encodeSubject({ type: "batch", value: "PC-1" })).toBe("b:PC-1");
    expect(decodeSubject("t:ZT-01")).toEqual({ type: "theme", value: "ZT-01" });
    expect(decodeSubject("x:1")).toBeNull();
    expect(staticExpiry([5, 9], 1)).toBe(9);
    expect(staticExpiry([5, null], 1)).toBe(1 + 90 * 24 * 3600_000);
    expect(staticExpiry([], 1)).toBe(1 + 90 * 24 * 3600_000);
  });
});
