import { eq } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, test } from "vitest";

import { cases } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";

import { recordCaseEvent } from "../cases/cases.service";
import { proveWithIdToken } from "./oidc.service";

const fresh = perTestDeps();
const ISSUER = "https://idp.gd.gov.example";
const CLIENT_ID = "taishan-haochaping";

async function provider() {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "gd-1", alg: "ES256" };
  const sign = (
    claims: Record<string, unknown>,
    o: { issuer?: string; expiresIn?: string | number; audience?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "gd-1" })
      .setIssuer(o.issuer ?? ISSUER)
      .setAudience(o.audience ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(o.expiresIn ?? "5m")
      .sign(privateKey);
  return { jwks: JSON.stringify({ keys: [jwk] }), sign };
}

async function setup() {
  const idp = await provider();
  const made = await fresh(undefined, {
    oidc: { issuer: ISSUER, clientId: CLIENT_ID, jwks: idp.jwks },
  });
  made.clock.set(Date.now());
  const e = caseEvent();
  await recordCaseEvent(made.deps, "t", e);
  const [c] = await made.deps.database.db
    .select({ applicantId: cases.applicantId })
    .from(cases)
    .where(eq(cases.serialNo, e.case.serialNo));
  return { ...made, idp, applicantId: c!.applicantId, idNumber: e.case.applicant.idNumber };
}

describe("real name from the provincial identity provider (OIDC id_token)", () => {
  test("a valid token carrying the applicant's ID number proves them", async () => {
    const { deps, idp, applicantId, idNumber } = await setup();
    expect(
      await proveWithIdToken(
        deps,
        applicantId,
        await idp.sign({ id_number: idNumber.toLowerCase() }),
      ),
    ).toEqual({ applicantId, proof: "oidc" });
  });

  test("another person's token is wrong_person; a foreign issuer, an expired token or a forged signature is refused", async () => {
    const { deps, idp, applicantId } = await setup();
    await expect(
      proveWithIdToken(deps, applicantId, await idp.sign({ id_number: "440781199912319999" })),
    ).rejects.toMatchObject({
      code: "forbidden",
      details: { reason: "wrong_person" },
    });
    await expect(
      proveWithIdToken(
        deps,
        applicantId,
        await idp.sign({ id_number: "x" }, { issuer: "https://evil.example" }),
      ),
    ).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(
      proveWithIdToken(
        deps,
        applicantId,
        await idp.sign({ id_number: "x" }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      ),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    const other = await provider();
    await expect(
      proveWithIdToken(deps, applicantId, await other.sign({ id_number: "x" })),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });

  test("a token the provider issued to another app (aud) proves nothing here, even with the applicant's own ID number", async () => {
    const { deps, idp, applicantId, idNumber } = await setup();
    await expect(
      proveWithIdToken(
        deps,
        applicantId,
        await idp.sign({ id_number: idNumber }, { audience: "another-provincial-app" }),
      ),
    ).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });
});
