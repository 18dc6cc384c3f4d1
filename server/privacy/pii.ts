import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";
import { randomBytesPooled } from "../random";

/**
 * Rater PII at rest: AES-256-GCM under a key derived from HCP_DATA_KEY, and a blind index
 * (HMAC-SHA256 under a second derived key) so a person can be found without storing plaintext.
 */
export interface Pii {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(kind: string, value: string): string;
  /** keyed digest of an exact value (no normalising), e.g. to compare request bodies */
  digest(kind: string, value: string): string;
}

const VERSION = "v1";

/**
 * What PII retention (server/jobs/retention.job.ts) leaves in place of a sealed value: nothing
 * to decrypt. It opens as the empty string, so a page showing an erased name shows none.
 */
export const ERASED = "erased";

export function createPii(dataKeyBase64: string): Pii {
  const master = Buffer.from(dataKeyBase64, "base64");
  if (master.length !== 32) throw new Error("HCP_DATA_KEY must be 32 bytes");
  const encKey = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "hcp pii encryption", 32));
  const idxKey = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "hcp pii blind index", 32));

  return {
    encrypt(plain) {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64")}`;
    },
    decrypt(sealed) {
      if (sealed === ERASED) return "";
      const [version, payload] = sealed.split(":");
      if (version !== VERSION || !payload) throw new Error("unknown PII envelope");
      const raw = Buffer.from(payload, "base64");
      const decipher = createDecipheriv("aes-256-gcm", encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    },
    blindIndex(kind, value) {
      return createHmac("sha256", idxKey)
        .update(`${kind}\u0000${normalise(value)}`)
        .digest("base64url");
    },
    digest(kind, value) {
      return createHmac("sha256", idxKey).update(`${kind}\u0001${value}`).digest("base64url");
    },
  };
}

function normalise(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, "");
}
