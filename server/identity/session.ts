import "server-only";
import { jwtVerify, SignJWT } from "jose";
import type { Deps } from "../deps";

export const SESSION_COOKIE = "hcp_rater";
export const SESSION_TTL_S = 30 * 60;

export type Proof = "otp" | "oidc" | "window";
export interface RaterSession {
  applicantId: string;
  proof: Proof;
}

/** A real-name session: signed (HS256 under a key derived from HCP_DATA_KEY), 30 minutes, no PII. */
export async function signSession(deps: Deps, s: RaterSession): Promise<string> {
  const now = Math.floor(deps.clock.now() / 1000);
  return new SignJWT({ p: s.proof })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(s.applicantId)
    .setIssuedAt(now)
    .setExpirationTime(now + SESSION_TTL_S)
    .sign(deps.sessionKey);
}

export async function readSession(deps: Deps, token: string | undefined | null): Promise<RaterSession | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, deps.sessionKey, { algorithms: ["HS256"], currentDate: new Date(deps.clock.now()) });
    const proof = payload.p;
    if (!payload.sub || (proof !== "otp" && proof !== "oidc" && proof !== "window")) return null;
    return { applicantId: payload.sub, proof };
  } catch {
    return null;
  }
}

export function sessionCookie(deps: Deps, value: string): string {
  const secure = deps.settings.secureCookies ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_S}${secure}`;
}

export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
