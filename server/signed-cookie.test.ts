import { randomBytes } from "node:crypto";

import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, test } from "vitest";

import { tamper } from "@/tests/tamper";

import { fixedClock } from "./clock";
import { type CookieKind, signedCookie } from "./signed-cookie";

const kind = (name: string, purpose: number): CookieKind<{ id: string }> => ({
  name,
  ttlS: 60,
  sameSite: "Lax",
  key: (deps) => deps.sessionKey.map((b) => b ^ purpose),
  toClaims: (v) => ({ sub: v.id }),
  fromClaims: ({ sub }) => ({ id: sub }),
});
const one = signedCookie(kind("one", 1));
const other = signedCookie(kind("other", 2));
const sessionKey = new Uint8Array(randomBytes(32));
const clock = fixedClock("2026-03-02T09:00:00+08:00");
const deps = { sessionKey, clock };
const nowS = () => Math.floor(clock.now() / 1000);
const oneKey = sessionKey.map((b) => b ^ 1);

describe("signed cookies", () => {
  test("what one kind signs it reads back, until it expires", async () => {
    const token = await one.sign(deps, { id: "a1" });
    expect(one.read(deps, token)).toEqual({ id: "a1" });
    clock.advance(59_000);
    expect(one.read(deps, token)).toEqual({ id: "a1" });
    clock.advance(1_000);
    expect(one.read(deps, token)).toBeNull();
  });

  test("a cookie of another kind, or signed with another key, is not read", async () => {
    expect(one.read(deps, await other.sign(deps, { id: "a1" }))).toBeNull();
    expect(
      one.read(
        { ...deps, sessionKey: new Uint8Array(randomBytes(32)) },
        await one.sign(deps, { id: "a1" }),
      ),
    ).toBeNull();
  });

  test("a changed header, payload or signature is refused", async () => {
    const token = await one.sign(deps, { id: "a1" });
    for (const part of [0, 1, 2] as const) expect(one.read(deps, tamper(token, part))).toBeNull();
    expect(one.read(deps, `${token}.x`)).toBeNull();
    expect(one.read(deps, token.split(".").slice(0, 2).join("."))).toBeNull();
    expect(one.read(deps, "")).toBeNull();
    expect(one.read(deps, "not a token")).toBeNull();
  });

  test("only HS256 with exactly the header it signs: alg none, another header or a kid are refused", async () => {
    const unsecured = new UnsecuredJWT({ sub: "a1" }).setExpirationTime(nowS() + 60).encode();
    expect(one.read(deps, unsecured)).toBeNull();
    const withKid = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: "k" })
      .setSubject("a1")
      .setExpirationTime(nowS() + 60)
      .sign(oneKey);
    expect(one.read(deps, withKid)).toBeNull();
    const plain = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("a1")
      .setExpirationTime(nowS() + 60)
      .sign(oneKey);
    expect(one.read(deps, plain)).toEqual({ id: "a1" });
  });

  test("a token without a subject or an expiry, or not yet valid, is refused", async () => {
    const signed = (build: (j: SignJWT) => SignJWT) =>
      build(new SignJWT({}).setProtectedHeader({ alg: "HS256" })).sign(oneKey);
    expect(one.read(deps, await signed((j) => j.setExpirationTime(nowS() + 60)))).toBeNull();
    expect(one.read(deps, await signed((j) => j.setSubject("a1")))).toBeNull();
    expect(
      one.read(
        deps,
        await signed((j) =>
          j
            .setSubject("a1")
            .setExpirationTime(nowS() + 60)
            .setNotBefore(nowS() + 10),
        ),
      ),
    ).toBeNull();
    expect(
      one.read(
        deps,
        await signed((j) =>
          j
            .setSubject("a1")
            .setExpirationTime(nowS() + 60)
            .setNotBefore(nowS()),
        ),
      ),
    ).toEqual({ id: "a1" });
  });
});
