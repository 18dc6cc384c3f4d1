import { Secret, TOTP } from "otpauth";

/**
 * 动态口令 (RFC 6238 TOTP: SHA-1, 6 digits, 30 s — what every authenticator app reads from an
 * `otpauth://` URI). A code is accepted within one step either side of now (a phone's clock
 * drifts) and only for a step after the last one accepted, so a code seen over a shoulder or in
 * a log cannot be used again.
 */
export const TOTP_PERIOD_S = 30;
export const ISSUER = "台山好差评";

export const totpOf = (secretBase32: string, label: string) =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });

/** A new secret of 160 bits (RFC 4226's recommended length), in base32 as apps type it. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export type CodeVerdict = { ok: true; step: number } | { ok: false; why: "wrong" | "replayed" };

export function codeVerdict(
  secretBase32: string,
  code: string,
  now: number,
  lastStep: number,
): CodeVerdict {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, why: "wrong" };
  const delta = totpOf(secretBase32, "x").validate({ token, timestamp: now, window: 1 });
  if (delta === null) return { ok: false, why: "wrong" };
  const step = Math.floor(now / 1000 / TOTP_PERIOD_S) + delta;
  return step > lastStep ? { ok: true, step } : { ok: false, why: "replayed" };
}

/** The code an app shows at `now`, for tests and for nothing else in the product. */
export const codeAt = (secretBase32: string, now: number) =>
  totpOf(secretBase32, "x").generate({ timestamp: now });

/**
 * 恢复码: ten of "xxxx-xxxx" (40 bits each) from 32 letters and digits that cannot be mistaken for
 * each other (no i, l, o, 1; a typed "o" is read as 0); 32 so that a byte's low 5 bits pick one unbiased.
 */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz023456789";
export function recoveryCodesFrom(bytes: Uint8Array, count = 10): string[] {
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!).join("");
  return Array.from(
    { length: count },
    (_, i) => `${chars.slice(i * 8, i * 8 + 4)}-${chars.slice(i * 8 + 4, i * 8 + 8)}`,
  );
}

/** What a person typed as a 恢复码, as it was hashed: case and separators do not matter. */
export const normaliseRecoveryCode = (typed: string) =>
  typed.toLowerCase().replace(/[\s-]/g, "").replaceAll("o", "0");

/** A 动态口令 is 6 digits; anything else typed at that step is tried as a 恢复码. */
export const looksLikeTotp = (typed: string) => /^\d{6}$/.test(typed.replace(/\s/g, ""));
