import "server-only";

import { and, eq } from "drizzle-orm";
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";

import { applicants } from "@/db/schema";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { maskIdNumber } from "../privacy/mask";
import type { RaterSession } from "./session";

const remoteSets = new Map<string, JWTVerifyGetKey>();

function keySet(oidc: NonNullable<Deps["settings"]["oidc"]>): JWTVerifyGetKey {
  if (oidc.jwks)
    return createLocalJWKSet(JSON.parse(oidc.jwks) as Parameters<typeof createLocalJWKSet>[0]);
  if (!oidc.jwksUrl) throw new DomainError("invalid", "identity provider has no JWKS configured");
  let set = remoteSets.get(oidc.jwksUrl);
  if (!set) remoteSets.set(oidc.jwksUrl, (set = createRemoteJWKSet(new URL(oidc.jwksUrl))));
  return set;
}

/**
 * The blind index of the ID number an id_token from the provincial identity provider carries
 * (claim `id_number`), once the token is verified against the configured JWKS, issuer and our
 * client id (`aud`; the provincial app hands the page its token in the fragment, no nonce). The
 * number itself is not kept.
 */
export async function idHashFromToken(
  deps: Deps,
  idToken: string,
): Promise<{ idHash: string; maskedId: string }> {
  const oidc = deps.settings.oidc;
  if (!oidc) throw new DomainError("invalid", "identity provider login is not configured");
  let idNumber: unknown;
  try {
    // issued to this app: a token the provider gave another app proves nothing here
    const { payload } = await jwtVerify(idToken, keySet(oidc), {
      issuer: oidc.issuer,
      audience: oidc.clientId,
      currentDate: new Date(deps.clock.now()),
    });
    idNumber = payload.id_number;
  } catch {
    throw new DomainError("unauthenticated", "身份凭证无效或已过期");
  }
  if (typeof idNumber !== "string" || !idNumber)
    throw new DomainError("unauthenticated", "身份凭证缺少证件号码");
  return { idHash: deps.pii.blindIndex("id", idNumber), maskedId: maskIdNumber(idNumber) };
}

/** An id_token (as when the page opens inside the provincial app) matched to the case's applicant. */
export async function proveWithIdToken(
  deps: Deps,
  applicantId: string,
  idToken: string,
): Promise<RaterSession> {
  const { idHash } = await idHashFromToken(deps, idToken);
  const [match] = await deps.database.db
    .select({ id: applicants.id })
    .from(applicants)
    .where(and(eq(applicants.id, applicantId), eq(applicants.idHash, idHash)));
  if (!match)
    throw new DomainError("forbidden", "登录的身份与办件申请人不一致", { reason: "wrong_person" });
  return { applicantId, proof: "oidc" };
}
