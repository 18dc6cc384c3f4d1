import { readFileSync } from "node:fs";

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";

import { openDatabase } from "@/db/client";
import { signingKeys } from "@/db/schema";
import { testDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";

import { recordCaseEvent } from "../cases/cases.service";
import type { Deps } from "../deps";
import { activeKey, revokeKey, rotateKey } from "./keys.service";
import { issueCode, verifyToken } from "./qr.service";

const opened: Deps[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const d of opened.splice(0)) d.database.close();
});
async function setup() {
  const made = await testDeps();
  opened.push(made.deps);
  const e = caseEvent();
  await recordCaseEvent(made.deps, "test", e);
  return { ...made, serialNo: e.case.serialNo };
}

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid: string }).kid;

describe("signing keys", () => {
  test("the first use creates one active key, once, however many ask at the same time", async () => {
    const { deps } = await setup();
    const keys = await Promise.all(Array.from({ length: 8 }, () => activeKey(deps)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const rows = await deps.database.db.select().from(signingKeys);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kid: keys[0]!.kid, status: "active" });
    expect(keys[0]!.kid).toMatch(/^[\w-]{3}$/);
  });

  test("the private key is sealed: neither the row nor the database file holds its d value", async () => {
    const { deps, file } = await setup();
    await activeKey(deps);
    const [row] = await deps.database.db.select().from(signingKeys);
    const jwk = JSON.parse(deps.pii.decrypt(row!.privateJwkEnc)) as { d: string; x: string };
    expect(jwk.d).toMatch(/^[\w-]{43}$/);
    expect(row!.privateJwkEnc).not.toContain(jwk.d);
    expect(row!.publicJwk).not.toContain(jwk.d);
    expect(JSON.parse(row!.publicJwk)).toEqual({ kty: "OKP", crv: "Ed25519", x: jwk.x });
    await deps.database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(readFileSync(file).includes(jwk.d)).toBe(false);
  });

  test("after a rotation old codes still verify and new codes carry the new kid", async () => {
    const { deps, serialNo } = await setup();
    const old = await issueCode(deps, { serialNo, kind: "static" });
    const { kid } = await rotateKey(deps);
    expect(kid).not.toBe(kidOf(old.token));
    const fresh = await issueCode(deps, { serialNo, kind: "static" });
    expect(kidOf(fresh.token)).toBe(kid);
    expect((await verifyToken(deps, old.token)).kid).toBe(kidOf(old.token));
    expect((await verifyToken(deps, fresh.token)).kid).toBe(kid);
    const statuses = await deps.database.db
      .select({
        kid: signingKeys.kid,
        status: signingKeys.status,
        retiredAt: signingKeys.retiredAt,
      })
      .from(signingKeys);
    expect(statuses).toEqual(
      expect.arrayContaining([
        { kid: kidOf(old.token), status: "retired", retiredAt: deps.clock.now() },
        { kid, status: "active", retiredAt: null },
      ]),
    );
  });

  test("a revoked key's codes are refused; the next code gets a new key", async () => {
    const { deps, serialNo } = await setup();
    const old = await issueCode(deps, { serialNo, kind: "static" });
    await revokeKey(deps, kidOf(old.token));
    await expect(verifyToken(deps, old.token)).rejects.toMatchObject({ code: "invalid" });
    const fresh = await issueCode(deps, { serialNo, kind: "static" });
    expect(kidOf(fresh.token)).not.toBe(kidOf(old.token));
    await verifyToken(deps, fresh.token);
    await expect(revokeKey(deps, "nope")).rejects.toMatchObject({ code: "not_found" });
  });

  test("other processes see a rotation: they verify the new key's codes within a second and sign with it after their cache time", async () => {
    const { deps, file, serialNo } = await setup();
    const [signer, verifier]: Deps[] = [
      { ...deps, database: await openDatabase(`file:${file}`) },
      { ...deps, database: await openDatabase(`file:${file}`) },
    ];
    opened.push(signer!, verifier!);
    const before = (await activeKey(signer!)).kid;
    await verifyToken(verifier!, (await issueCode(signer!, { serialNo, kind: "static" })).token);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { kid } = await rotateKey(deps);
    const fresh = await issueCode(deps, { serialNo, kind: "static" });
    expect((await activeKey(signer!)).kid).toBe(before);
    vi.setSystemTime(Date.now() + 1_001);
    expect((await verifyToken(verifier!, fresh.token)).kid).toBe(kid);
    expect((await activeKey(signer!)).kid).toBe(before);
    vi.setSystemTime(Date.now() + 10_000);
    expect((await activeKey(signer!)).kid).toBe(kid);
    const [row] = await deps.database.db
      .select({ status: signingKeys.status })
      .from(signingKeys)
      .where(eq(signingKeys.kid, before));
    expect(row?.status).toBe("retired");
  });
});
