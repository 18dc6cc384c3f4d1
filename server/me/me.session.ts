import "server-only";

import { cookieKey } from "../deps";
import { signedCookie } from "../signed-cookie";

/**
 * A /me session (SPEC §7 我的办件): it proves a phone (SMS code) or an ID number (the provincial
 * app's id_token) and names it only by its blind index, so the cookie carries no PII. The list
 * holds the cases of applicants with that phone or ID number, never more.
 */
export interface MeSession {
  kind: "phone" | "id";
  /** the blind index (server/privacy/pii.ts) of the proven phone or ID number */
  hash: string;
  /** how it was shown to the person: 139****1234 / 440781********0027 */
  masked: string;
}

const me = signedCookie<MeSession>({
  name: "hcp_me",
  ttlS: 30 * 60,
  sameSite: "Lax",
  key: (deps) => cookieKey(deps, "hcp me session"),
  toClaims: (s) => ({ sub: s.hash, k: s.kind, m: s.masked }),
  fromClaims: ({ sub, k, m }) =>
    (k === "phone" || k === "id") && typeof m === "string"
      ? { kind: k, hash: sub, masked: m }
      : null,
});

export const ME_COOKIE = me.name;
export const signMeSession = me.sign;
export const readMeSession = me.read;
export const meSessionCookie = me.header;
