import "server-only";
import { jwtVerify, SignJWT, type JWTPayload } from "jose";
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

/** HS256 JWTs on the injected clock, read back as null when forged, expired or malformed; no PII. */
export function signedCookie<T>(kind: CookieKind<T>) {
  // jose imports a raw key into WebCrypto on every call (~0.2 ms, on every request with a cookie); once per key is enough
  const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>();
  const keyOf = (deps: Pick<Deps, "sessionKey">): Promise<CryptoKey> => {
    let key = imported.get(deps.sessionKey);
    if (!key) imported.set(deps.sessionKey, (key = crypto.subtle.importKey("raw", new Uint8Array(kind.key(deps)), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"])));
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
    read: async (deps: Pick<Deps, "sessionKey" | "clock">, token: string | undefined | null): Promise<T | null> => {
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, await keyOf(deps), { algorithms: ["HS256"], currentDate: new Date(deps.clock.now()) });
        return payload.sub ? kind.fromClaims(payload as Claims) : null;
      } catch {
        return null;
      }
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
