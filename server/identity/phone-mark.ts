import "server-only";

import { cookieKey, type Deps } from "../deps";
import { randomBytesPooled } from "../random";
import { cookieValue } from "../signed-cookie";

/**
 * Article 4's first pattern (SPEC §9: one phone rating cases of 3 or more applicants in 24 h)
 * needs to know that two ratings came from one phone. A phone that proves a real name gets a
 * random, long-lived mark; the rating keeps only its keyed hash, so the stored value names no
 * person and no phone, and one database's hashes are worthless against another's.
 */
export const PHONE_COOKIE = "hcp_phone";
const YEAR_S = 365 * 24 * 3600;
const SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** The device hash of this request's phone, setting the mark on the response when it has none yet. */
export function phoneMark(ctx: {
  deps: Pick<Deps, "sessionKey" | "settings" | "pii">;
  headers: Headers;
  resHeaders: Headers;
}): string {
  let mark = cookieValue(ctx.headers.get("cookie"), PHONE_COOKIE);
  if (!mark || !SHAPE.test(mark)) {
    mark = randomBytesPooled(16).toString("base64url");
    const secure = ctx.deps.settings.secureCookies ? "; Secure" : "";
    ctx.resHeaders.append(
      "set-cookie",
      `${PHONE_COOKIE}=${mark}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${YEAR_S}${secure}`,
    );
  }
  return deviceHashOf(ctx.deps, mark);
}

const keys = new WeakMap<Uint8Array, Uint8Array>();

/** HMAC-SHA-256, or HMAC-SM3 under HCP_CRYPTO=gm: a keyed pseudonym, like a blind index. */
export function deviceHashOf(deps: Pick<Deps, "sessionKey" | "pii">, mark: string): string {
  let key = keys.get(deps.sessionKey);
  if (!key) keys.set(deps.sessionKey, (key = cookieKey(deps, "phone-mark")));
  return deps.pii.suite.mac(key, mark).toString("base64url").slice(0, 32);
}
