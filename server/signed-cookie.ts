import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";

import { type JWTPayload, SignJWT } from "jose";

import type { Deps } from "./deps";

type Claims = JWTPayload & { sub: string };

/** One kind of signed session cookie: the rater's real name, a staff sign-in, an enrolled device. */
export interface CookieKind<T> {
  name: string;
  ttlS: number;
  sameSite: "Lax" | "Strict";
  /** each kind signs with a key of its own, so one kind can never pass for another */
  key(deps: Pick<Deps, "sessionKey">): Uint8Array;
  toClaims(value: T): Claims;
  /** null when the claims are not this kind's */
  fromClaims(claims: Claims): T | null;
}

/** The one header these cookies are signed with: anything else (another alg, "none", a kid) is refused by its bytes. */
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256" })).toString("base64url");

/**
 * The claims of a cookie this process signed, or null. jose signs them; reading is the check
 * of one fixed header and one HMAC with node:crypto, because every request with a cookie reads
 * it: jose's WebCrypto verify cost ~100 µs of the main thread a request under load (profiled
 * in bench:submit), node:crypto's HMAC ~4 µs.
 */
function verifiedClaims(token: string, key: Uint8Array, nowS: number): Claims | null {
  const [header, payload, signature, extra] = token.split(".");
  if (header !== HEADER || !payload || !signature || extra !== undefined) return null;
  const expected = createHmac("sha256", key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof claims !== "object" || claims === null) return null;
  const { sub, exp, nbf } = claims as JWTPayload;
  if (typeof sub !== "string" || !sub || typeof exp !== "number" || nowS >= exp) return null;
  if (nbf !== undefined && (typeof nbf !== "number" || nowS < nbf)) return null;
  return claims as Claims;
}

/** HS256 JWTs on the injected clock, read back as null when forged, expired or malformed; no PII. */
export function signedCookie<T>(kind: CookieKind<T>) {
  // the key is derived (HKDF) and, for jose, imported into WebCrypto (~0.2 ms): once per session key is enough
  const raw = new WeakMap<Uint8Array, Uint8Array<ArrayBuffer>>();
  const rawOf = (deps: Pick<Deps, "sessionKey">): Uint8Array<ArrayBuffer> => {
    let key = raw.get(deps.sessionKey);
    if (!key) raw.set(deps.sessionKey, (key = new Uint8Array(kind.key(deps))));
    return key;
  };
  const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>();
  const keyOf = (deps: Pick<Deps, "sessionKey">): Promise<CryptoKey> => {
    let key = imported.get(deps.sessionKey);
    if (!key)
      imported.set(
        deps.sessionKey,
        (key = crypto.subtle.importKey(
          "raw",
          rawOf(deps),
          { name: "HMAC", hash: "SHA-256" },
          false,
          ["sign", "verify"],
        )),
      );
    return key;
  };
  return {
    name: kind.name,
    sign: async (deps: Pick<Deps, "sessionKey" | "clock">, value: T): Promise<string> => {
      const { sub, ...claims } = kind.toClaims(value);
      const now = Math.floor(deps.clock.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(sub)
        .setIssuedAt(now)
        .setExpirationTime(now + kind.ttlS)
        .sign(await keyOf(deps));
    },
    /** synchronous: every request with a cookie reads it, and nothing in reading it waits */
    read: (
      deps: Pick<Deps, "sessionKey" | "clock">,
      token: string | undefined | null,
    ): T | null => {
      const claims = token
        ? verifiedClaims(token, rawOf(deps), Math.floor(deps.clock.now() / 1000))
        : null;
      return claims ? kind.fromClaims(claims) : null;
    },
    /** the Set-Cookie header; an empty value with maxAge 0 clears it */
    header: (deps: Pick<Deps, "settings">, token: string, maxAge = kind.ttlS): string => {
      const secure = deps.settings.secureCookies ? "; Secure" : "";
      return `${kind.name}=${token}; Path=/; HttpOnly; SameSite=${kind.sameSite}; Max-Age=${maxAge}${secure}`;
    },
  };
}

export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
