import { createHash, createHmac, hkdfSync } from "node:crypto";

/**
 * HCP_CRYPTO (SPEC §8, 密评 GB/T 39786-2021): the algorithms that protect PII at rest, the blind
 * indexes and the rating chain. `std` is AES-256-GCM with SHA-256; `gm` is SM4 with SM3. Both come
 * from Node's own OpenSSL, so callers ask the suite and never name an algorithm.
 */
export const SUITE_NAMES = ["std", "gm"] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export interface Suite {
  readonly name: SuiteName;
  /** the hash of the rating chain, hex (64 characters in both suites) */
  hash(...parts: string[]): string;
  /** a keyed digest: blind indexes, body digests, the phone mark */
  mac(key: Uint8Array, data: string | Uint8Array): Buffer;
  /** a key of its own for `purpose`, derived from a master key by HKDF over the suite's hash */
  derive(master: Uint8Array, purpose: string, length: number): Buffer;
}

function suiteOver(name: SuiteName, digest: "sha256" | "sm3"): Suite {
  return {
    name,
    hash(...parts) {
      const h = createHash(digest);
      for (const p of parts) h.update(p);
      return h.digest("hex");
    },
    mac: (key, data) => createHmac(digest, key).update(data).digest(),
    derive: (master, purpose, length) =>
      Buffer.from(hkdfSync(digest, master, Buffer.alloc(0), purpose, length)),
  };
}

export const SUITES: Record<SuiteName, Suite> = {
  std: suiteOver("std", "sha256"),
  gm: suiteOver("gm", "sm3"),
};

/** What each suite is made of, in the words a 密评 reviewer reads (errors and the migration's report). */
export const SUITE_WORDS: Record<SuiteName, string> = {
  std: "std (AES-256-GCM, HMAC-SHA-256, SHA-256)",
  gm: "gm (SM4-CTR + HMAC-SM3, HMAC-SM3, SM3)",
};
