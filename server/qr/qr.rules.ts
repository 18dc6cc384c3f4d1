/**
 * QR token rules (DESIGN §4), pure.
 *
 * A JSON claim set cannot meet the budget: an Ed25519 signature alone is 86 characters and the
 * header 36, and the dynamic claims in JSON (`{"s":…,"k":"d","exp":…,"jti":…,"w":…,"n":…}`)
 * push the URL to QR version 11 even with empty values, and a 64-character serialNo to version
 * 13. So the JWS payload is a few packed bytes, and the subject is named by the id of a case that
 * carries it (the case itself, or a case of the batch or theme): 16 bytes, whatever the length of
 * the serialNo. The claims keep DESIGN's meaning; verification resolves the subject to
 * `c:<serialNo>` | `b:<batchNo>` | `t:<themeNo>`.
 *
 * Layout: [flags 1][exp 4][case id 16], then static: [iat 4];
 * dynamic: [jti 9][window length 1][window][staff length 1][staff] (iat = exp − 5 minutes).
 * flags = format << 4 | dynamic << 2 | subject type.
 */

export const SUBJECT_TYPES = ["case", "batch", "theme"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export interface QrSubject {
  type: SubjectType;
  value: string;
}
export type QrKind = "static" | "dynamic";

export const URL_BUDGET = 230;
export const MAX_QR_VERSION = 10;
export const DYNAMIC_TTL_S = 5 * 60;
export const STATIC_FALLBACK_TTL_MS = 90 * 24 * 3600_000;
export const JTI_BYTES = 9;

const FORMAT = 1;
/** flag bit 3: a dynamic code shown by an enrolled window screen */
const SCREEN_BIT = 0b1000;
const PREFIX = { case: "c", batch: "b", theme: "t" } as const satisfies Record<SubjectType, string>;

/** The subject as DESIGN §4 writes it; also the value of a subject revocation. */
export function encodeSubject(s: QrSubject): string {
  return `${PREFIX[s.type]}:${s.value}`;
}

export function decodeSubject(text: string): QrSubject | null {
  const type = SUBJECT_TYPES.find((t) => text.startsWith(`${PREFIX[t]}:`));
  const value = text.slice(2);
  return type && value ? { type, value } : null;
}

export interface QrClaims {
  subjectType: SubjectType;
  /** id (ULID) of the case that carries the subject */
  caseRef: string;
  kind: QrKind;
  /** seconds */
  exp: number;
  /** seconds */
  iat: number;
  jti?: string;
  windowCode?: string;
  staffNo?: string;
  /** a dynamic code an enrolled window screen showed (not one minted over the API): only it proves the applicant */
  screen?: boolean;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function ulidToBytes(id: string): Uint8Array | null {
  if (!/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/.test(id)) return null;
  let n = 0n;
  for (const ch of id) n = (n << 5n) | BigInt(CROCKFORD.indexOf(ch));
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}

export function bytesToUlid(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 26; i++, n >>= 5n) out = CROCKFORD[Number(n & 31n)]! + out;
  return out;
}

function shortText(value: string | undefined): Buffer {
  const bytes = Buffer.from(value ?? "", "utf8");
  if (bytes.length > 255) throw new Error("a QR claim is over 255 bytes");
  return Buffer.concat([Buffer.of(bytes.length), bytes]);
}

export function packClaims(c: QrClaims): Uint8Array {
  const ref = ulidToBytes(c.caseRef);
  if (!ref) throw new Error(`case id ${c.caseRef} is not a ULID`);
  const head = Buffer.alloc(5);
  const flags =
    (c.kind === "dynamic" ? 4 : 0) | (c.kind === "dynamic" && c.screen ? SCREEN_BIT : 0);
  head.writeUInt8((FORMAT << 4) | flags | SUBJECT_TYPES.indexOf(c.subjectType), 0);
  head.writeUInt32BE(c.exp, 1);
  if (c.kind === "static") {
    const iat = Buffer.alloc(4);
    iat.writeUInt32BE(c.iat, 0);
    return Buffer.concat([head, ref, iat]);
  }
  const jti = Buffer.from(c.jti ?? "", "base64url");
  if (jti.length !== JTI_BYTES || !c.windowCode)
    throw new Error("a dynamic code needs a jti and a window");
  return Buffer.concat([head, ref, jti, shortText(c.windowCode), shortText(c.staffNo)]);
}

/** null for anything this format did not write. */
export function unpackClaims(payload: Uint8Array): QrClaims | null {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (buf.length < 21) return null;
  const flags = buf.readUInt8(0);
  const subjectType = SUBJECT_TYPES[flags & 3];
  // the screen bit belongs to dynamic codes only
  if (flags >> 4 !== FORMAT || ((flags & SCREEN_BIT) !== 0 && !(flags & 4)) || !subjectType)
    return null;
  const exp = buf.readUInt32BE(1);
  const caseRef = bytesToUlid(buf.subarray(5, 21));
  if (!(flags & 4))
    return buf.length === 25
      ? { subjectType, caseRef, kind: "static", exp, iat: buf.readUInt32BE(21) }
      : null;

  let at = 21 + JTI_BYTES;
  const text = () => {
    const len = at < buf.length ? buf.readUInt8(at) : -1;
    if (len < 0 || at + 1 + len > buf.length) return null;
    const value = buf.subarray(at + 1, at + 1 + len).toString("utf8");
    at += 1 + len;
    return value;
  };
  const jti = buf.subarray(21, at).toString("base64url");
  const windowCode = text();
  const staffNo = text();
  if (!windowCode || staffNo === null || at !== buf.length) return null;
  const screen = (flags & SCREEN_BIT) !== 0;
  return {
    subjectType,
    caseRef,
    kind: "dynamic",
    exp,
    iat: exp - DYNAMIC_TTL_S,
    jti,
    windowCode,
    ...(staffNo ? { staffNo } : {}),
    ...(screen ? { screen } : {}),
  };
}

/**
 * A static code lives until the subject's rating windows close when every stage has a closing
 * time; while any is still pending (or there are none) it falls back to 90 days.
 */
export function staticExpiry(closesAt: (number | null)[], now: number): number {
  if (closesAt.length === 0 || closesAt.some((c) => c === null))
    return now + STATIC_FALLBACK_TTL_MS;
  return closesAt.reduce<number>((max, c) => Math.max(max, c ?? 0), 0);
}

/**
 * A jti revocation kills that code; a subject revocation kills the codes issued up to then
 * (`subjectAt`: when the code's subject was last revoked, ms).
 */
export function isRevoked(
  claims: QrClaims,
  revoked: { jti: boolean; subjectAt: number | null },
): boolean {
  return revoked.jti || (revoked.subjectAt !== null && claims.iat * 1000 <= revoked.subjectAt);
}
