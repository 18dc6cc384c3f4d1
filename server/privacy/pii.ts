import { sealedBy, SEALERS } from "./seal";
import { type Suite, SUITE_WORDS, type SuiteName, SUITES } from "./suite";

/**
 * Rater PII at rest, sealed under a key derived from HCP_DATA_KEY, and a blind index (a keyed
 * digest under a second derived key) so a person can be found without storing plaintext. Which
 * algorithms do it is the suite's (server/privacy/suite.ts, HCP_CRYPTO); callers never branch.
 */
export interface Pii {
  readonly suite: Suite;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(kind: string, value: string): string;
  /** keyed digest of an exact value (no normalising), e.g. to compare request bodies */
  digest(kind: string, value: string): string;
}

/**
 * What PII retention (server/jobs/retention.job.ts) leaves in place of a sealed value: nothing
 * to decrypt. It opens as the empty string, so a page showing an erased name shows none.
 */
export const ERASED = "erased";

/** A sealed value of the other suite: the database mixes suites, which must be said, not mis-read. */
export class SuiteMismatchError extends Error {}

export function createPii(dataKeyBase64: string, suiteName: SuiteName = "std"): Pii {
  const master = Buffer.from(dataKeyBase64, "base64");
  if (master.length !== 32) throw new Error("HCP_DATA_KEY must be 32 bytes");
  const suite = SUITES[suiteName];
  const sealer = SEALERS[suiteName](master);
  const idxKey = suite.derive(master, "hcp pii blind index", 32);

  return {
    suite,
    encrypt: (plain) => sealer.seal(plain),
    decrypt(sealed) {
      if (sealed === ERASED) return "";
      if (!sealed.startsWith(sealer.prefix)) {
        const other = sealedBy(sealed);
        if (!other) throw new Error("unknown PII envelope");
        const finish = `finish \`npm run crypto:migrate -- --to ${suiteName}\``;
        const was = SUITE_WORDS[other];
        throw new SuiteMismatchError(
          `a value sealed under ${was} met HCP_CRYPTO=${suiteName}: ${finish}`,
        );
      }
      return sealer.open(Buffer.from(sealed.slice(sealer.prefix.length), "base64"));
    },
    blindIndex: (kind, value) =>
      suite.mac(idxKey, `${kind}\u0000${normalise(value)}`).toString("base64url"),
    digest: (kind, value) => suite.mac(idxKey, `${kind}\u0001${value}`).toString("base64url"),
  };
}

function normalise(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, "");
}
