import "server-only";

import { signedCookie } from "../signed-cookie";

export type Proof = "otp" | "oidc" | "window";
export interface RaterSession {
  applicantId: string;
  proof: Proof;
}

/** A real-name session: signed under the key derived from HCP_DATA_KEY, 30 minutes, no PII. */
const rater = signedCookie<RaterSession>({
  name: "hcp_rater",
  ttlS: 30 * 60,
  sameSite: "Lax",
  key: (deps) => deps.sessionKey,
  toClaims: (s) => ({ sub: s.applicantId, p: s.proof }),
  fromClaims: ({ sub, p }) =>
    p === "otp" || p === "oidc" || p === "window" ? { applicantId: sub, proof: p } : null,
});

export const SESSION_COOKIE = rater.name;
export const signSession = rater.sign;
export const readSession = rater.read;
export const sessionCookie = rater.header;
