import { describe, expect, test } from "vitest";

import { parseEnv } from "./env";

const KEY = { HCP_DATA_KEY: "A".repeat(43) + "=" };

describe("settings that must come together", () => {
  test("OIDC_ISSUER without OIDC_CLIENT_ID stops the start: a token must be issued to this app", () => {
    expect(() =>
      parseEnv({ ...KEY, OIDC_ISSUER: "https://idp.gd.gov.example", OIDC_JWKS: "{}" }),
    ).toThrow(
      "Invalid setting OIDC_CLIENT_ID: must be set with OIDC_ISSUER: an id_token is accepted only when issued to this app",
    );
    expect(
      parseEnv({
        ...KEY,
        OIDC_ISSUER: "https://idp.gd.gov.example",
        OIDC_CLIENT_ID: "taishan-haochaping",
        OIDC_JWKS: "{}",
      }).OIDC_CLIENT_ID,
    ).toBe("taishan-haochaping");
  });

  test("the SMS settings are read with the rest: a wrong one stops the start the same way", () => {
    expect(() => parseEnv({ ...KEY, SMS_PROVIDER: "aliyun" })).toThrow(
      /^Invalid setting SMS_ALIYUN_ACCESS_KEY_ID: /,
    );
    expect(parseEnv(KEY).sms).toEqual({ mode: "outbox" });
  });

  test("HCP_CRYPTO is std by default, gm for a 密评, and nothing else", () => {
    expect(parseEnv(KEY).HCP_CRYPTO).toBe("std");
    expect(parseEnv({ ...KEY, HCP_CRYPTO: "gm" }).HCP_CRYPTO).toBe("gm");
    expect(() => parseEnv({ ...KEY, HCP_CRYPTO: "sm4" })).toThrow(
      "Invalid setting HCP_CRYPTO: must be std (AES-256-GCM, SHA-256) or gm (SM4, SM3)",
    );
  });
});
