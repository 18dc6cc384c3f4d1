import { createCipheriv, createDecipheriv, timingSafeEqual } from "node:crypto";

import { randomBytesPooled } from "../random";
import { type SuiteName, SUITES } from "./suite";

/**
 * One suite's authenticated encryption of a PII value. Each sealed value starts with its suite's
 * prefix, so a value sealed by the other suite is recognised (and refused by name) rather than
 * mis-read: `v1:` is AES-256-GCM (the prefix every value had before the gm suite), `g1:` SM4.
 */
export interface Sealer {
  readonly prefix: string;
  seal(plain: string): string;
  /** the plain text; throws when the value was tampered with or sealed under another key */
  open(payload: Buffer): string;
}

/** std: AES-256-GCM, 12-byte IV, 16-byte tag: `v1:` base64(iv ‖ ciphertext ‖ tag). */
function aesGcm(master: Buffer): Sealer {
  const key = SUITES.std.derive(master, "hcp pii encryption", 32);
  return {
    prefix: "v1:",
    seal(plain) {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      // one concatenation: the tag is read after final(), the array's elements in order
      const parts = [iv, cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()];
      return `v1:${Buffer.concat(parts).toString("base64")}`;
    },
    open(raw) {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([
        decipher.update(raw.subarray(12, raw.length - 16)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}

const SM4_NONCE = 16;
const SM3_TAG = 32;

/**
 * gm: SM4-CTR, then HMAC-SM3 over prefix, nonce and ciphertext (encrypt-then-MAC, GB/T 39786's
 * confidentiality and integrity with 国密 algorithms only), checked in constant time before any
 * byte is decrypted: `g1:` base64(nonce ‖ ciphertext ‖ tag). Separate keys for SM4 and the MAC.
 */
function sm4CtrHmacSm3(master: Buffer): Sealer {
  const encKey = SUITES.gm.derive(master, "hcp pii encryption sm4", 16);
  const macKey = SUITES.gm.derive(master, "hcp pii mac sm3", 32);
  const tagOf = (nonceAndBody: Buffer) =>
    SUITES.gm.mac(macKey, Buffer.concat([Buffer.from("g1:"), nonceAndBody]));
  return {
    prefix: "g1:",
    seal(plain) {
      const nonce = randomBytesPooled(SM4_NONCE);
      const cipher = createCipheriv("sm4-ctr", encKey, nonce);
      const sealed = Buffer.concat([nonce, cipher.update(plain, "utf8"), cipher.final()]);
      return `g1:${Buffer.concat([sealed, tagOf(sealed)]).toString("base64")}`;
    },
    open(raw) {
      if (raw.length < SM4_NONCE + SM3_TAG) throw new Error("PII envelope too short");
      const sealed = raw.subarray(0, raw.length - SM3_TAG);
      const tag = raw.subarray(raw.length - SM3_TAG);
      if (!timingSafeEqual(tagOf(sealed), tag))
        throw new Error("PII envelope fails its HMAC-SM3 check");
      const decipher = createDecipheriv("sm4-ctr", encKey, sealed.subarray(0, SM4_NONCE));
      return Buffer.concat([
        decipher.update(sealed.subarray(SM4_NONCE)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}

export const SEALERS: Record<SuiteName, (master: Buffer) => Sealer> = {
  std: aesGcm,
  gm: sm4CtrHmacSm3,
};

export const SEAL_PREFIX: Record<SuiteName, string> = { std: "v1:", gm: "g1:" };

/** The suite that sealed a value, by its prefix; null for anything else (erased, open, garbage). */
export function sealedBy(value: string): SuiteName | null {
  if (value.startsWith(SEAL_PREFIX.std)) return "std";
  if (value.startsWith(SEAL_PREFIX.gm)) return "gm";
  return null;
}
