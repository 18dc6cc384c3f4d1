import "server-only";

import { type KeyObject, verify } from "node:crypto";

import { asc, eq, sql } from "drizzle-orm";
import { CompactSign, decodeProtectedHeader } from "jose";
import QRCode from "qrcode";

import { $, query } from "@/db/prepared";
import { cases, qrJtiUses, qrRevocations, ratingStages, staff, windows } from "@/db/schema";
import type { Reader, Tx } from "@/db/types";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { randomBytesPooled } from "../random";
import { activeKey, QR_ALG, verificationKey } from "./keys.service";
import {
  DYNAMIC_TTL_S,
  encodeSubject,
  isRevoked,
  JTI_BYTES,
  MAX_QR_VERSION,
  packClaims,
  type QrClaims,
  type QrSubject,
  staticExpiry,
  unpackClaims,
  URL_BUDGET,
} from "./qr.rules";
import type { TQrCodeAnswer, TQrCodeRequest } from "./qr.schema";

/** A checked code: its claims with the subject resolved and times in ms. */
export interface VerifiedCode extends Omit<QrClaims, "subjectType" | "exp" | "iat"> {
  subject: QrSubject;
  /** ms */
  exp: number;
  /** ms, to the second */
  iat: number;
  kid: string;
  /** only with `allowExpired`: the code is past its exp */
  expired: boolean;
  /** only with `allowUsed`: the dynamic code was used already */
  used: boolean;
}

export interface VerifyOptions {
  /** the rating page still names the case of an expired static code, to say its window closed */
  allowExpired?: boolean;
  /** a rater already proven for the case may go on with the code they used to prove it */
  allowUsed?: boolean;
}

const subjectColumn = { case: cases.serialNo, batch: cases.batchNo, theme: cases.themeNo } as const;

function subjectOf(req: TQrCodeRequest): QrSubject {
  if (req.serialNo !== undefined) return { type: "case", value: req.serialNo };
  if (req.batchNo !== undefined) return { type: "batch", value: req.batchNo };
  if (req.themeNo !== undefined) return { type: "theme", value: req.themeNo };
  throw new DomainError("invalid", "name one of serialNo, batchNo, themeNo");
}

export type CodeSubject = { serialNo: string } | { batchNo: string } | { themeNo: string };

/** What a code printed or shown for a case names: its batch or theme when it has one (article 20), else the case. */
export function codeSubjectOf(c: {
  serialNo: string;
  batchNo: string | null;
  themeNo: string | null;
}): CodeSubject {
  return c.batchNo
    ? { batchNo: c.batchNo }
    : c.themeNo
      ? { themeNo: c.themeNo }
      : { serialNo: c.serialNo };
}

/** The case the token will name (the first of a batch or theme) and every stage's closing time. */
async function findSubject(db: Reader, s: QrSubject) {
  const rows = await db
    .select({ id: cases.id, closesAt: ratingStages.closesAt })
    .from(cases)
    .leftJoin(ratingStages, eq(ratingStages.caseId, cases.id))
    .where(eq(subjectColumn[s.type], s.value))
    .orderBy(asc(cases.id));
  const first = rows[0];
  if (!first)
    throw new DomainError(
      "not_found",
      `no case with ${{ case: "serialNo", batch: "batchNo", theme: "themeNo" }[s.type]} ${JSON.stringify(s.value)}`,
    );
  return { caseRef: first.id, closesAt: rows.map((r) => r.closesAt) };
}

async function checkWindow(
  db: Reader,
  windowCode: string | undefined,
  staffNo: string | undefined,
): Promise<void> {
  if (!windowCode)
    throw new DomainError("invalid", "a dynamic code needs windowCode", { field: "windowCode" });
  const [w] = await db.select({ id: windows.id }).from(windows).where(eq(windows.code, windowCode));
  if (!w)
    throw new DomainError("invalid", `unknown windowCode ${JSON.stringify(windowCode)}`, {
      field: "windowCode",
    });
  if (staffNo === undefined) return;
  const [s] = await db.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, staffNo));
  if (!s)
    throw new DomainError("invalid", `unknown staffNo ${JSON.stringify(staffNo)}`, {
      field: "staffNo",
    });
}

function assertPrintable(url: string): void {
  const version = QRCode.create(url, { errorCorrectionLevel: "M" }).version;
  if (url.length > URL_BUDGET || version > MAX_QR_VERSION) {
    throw new DomainError(
      "invalid",
      `the code's URL is ${url.length} characters (QR version ${version}); the budget is ${URL_BUDGET} and version ${MAX_QR_VERSION}: shorten windowCode, staffNo or HCP_PUBLIC_URL`,
    );
  }
}

/** A signed code for a case, batch or theme and its URL: all an SMS link needs (no QR image). */
export async function mintCode(
  deps: Deps,
  req: TQrCodeRequest,
  opts: { byScreen?: boolean } = {},
): Promise<Omit<TQrCodeAnswer, "svg">> {
  const subject = subjectOf(req);
  const db = deps.database.db;
  const dynamic = req.kind === "dynamic";
  const [found] = await Promise.all([
    findSubject(db, subject),
    dynamic ? checkWindow(db, req.windowCode, req.staffNo) : undefined,
  ]);
  const now = Math.floor(deps.clock.now() / 1000);
  const claims: QrClaims = dynamic
    ? {
        subjectType: subject.type,
        caseRef: found.caseRef,
        kind: "dynamic",
        iat: now,
        exp: now + DYNAMIC_TTL_S,
        jti: randomBytesPooled(JTI_BYTES).toString("base64url"),
        windowCode: req.windowCode,
        staffNo: req.staffNo,
        ...(opts.byScreen ? { screen: true } : {}),
      }
    : {
        subjectType: subject.type,
        caseRef: found.caseRef,
        kind: "static",
        iat: now,
        exp: Math.floor(staticExpiry(found.closesAt, deps.clock.now()) / 1000),
      };
  const { kid, key } = await activeKey(deps);
  const token = await new CompactSign(packClaims(claims))
    .setProtectedHeader({ alg: QR_ALG, kid })
    .sign(key);
  const url = `${deps.settings.publicUrl.replace(/\/+$/, "")}/r/${token}`;
  assertPrintable(url);
  return { url, token, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

/** SPEC §6 `POST /api/v1/qr-codes`: the signed code and its QR, as SVG for print. */
export async function issueCode(
  deps: Deps,
  req: TQrCodeRequest,
  opts: { byScreen?: boolean } = {},
): Promise<TQrCodeAnswer> {
  const code = await mintCode(deps, req, opts);
  return {
    ...code,
    svg: await QRCode.toString(code.url, { type: "svg", errorCorrectionLevel: "M", margin: 2 }),
  };
}

const invalid = (why: string) => new DomainError("invalid", `二维码无效：${why}`);

function headerKid(token: string): string {
  if (token.length > 1000 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw invalid("格式不对");
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg === QR_ALG && typeof header.kid === "string") return header.kid;
  } catch {
    // falls through to the same answer as a wrong header
  }
  throw invalid("格式不对");
}

type CodeState = {
  value: string | null;
  subjectRevokedAt: number | null;
  jtiRevoked: number;
  used: number;
};
const codeStateBy = Object.fromEntries(
  Object.entries(subjectColumn).map(([type, column]) => [
    type,
    query<CodeState>(
      () => sql`select ${column} as value,
    (select ${qrRevocations.createdAt} from ${qrRevocations} where ${qrRevocations.kind} = 'subject' and ${qrRevocations.value} = ${$("prefix")} || ${column}) as subjectRevokedAt,
    exists(select 1 from ${qrRevocations} where ${qrRevocations.kind} = 'jti' and ${qrRevocations.value} = ${$("jti")}) as jtiRevoked,
    exists(select 1 from ${qrJtiUses} where ${qrJtiUses.jti} = ${$("jti")}) as used
    from ${cases} where ${cases.id} = ${$("caseRef")}`,
    ),
  ]),
) as Record<keyof typeof subjectColumn, ReturnType<typeof query<CodeState>>>;

/**
 * What may have changed since a code was signed, in one statement (every scan, page and submit
 * asks): the subject its case carries now, when that subject was last revoked, whether the code's
 * jti was revoked, and whether a dynamic code was used.
 */
function codeState(db: Reader, claims: QrClaims) {
  const prefix = encodeSubject({ type: claims.subjectType, value: "" });
  return codeStateBy[claims.subjectType].get(db, {
    prefix,
    jti: claims.jti ?? null,
    caseRef: claims.caseRef,
  });
}

/**
 * Signatures already checked in this process. One scan verifies the same token several times
 * within seconds (page, real-name step, submit); what can change — the key's revocation, expiry,
 * revocation of the code, its use — is checked every time.
 */
const verifiedByKey = new WeakMap<object, Map<string, Uint8Array>>();

/**
 * The payload of a compact JWS whose Ed25519 signature `key` verifies, or null. headerKid has
 * checked the shape and that the header says EdDSA; the header is signed too, so only a header
 * we signed ({alg, kid}) can pass. node:crypto with a callback checks on libuv's thread pool:
 * ~90 µs of CPU against ~185 µs through jose's WebCrypto path, and off the main thread, which is
 * what limits a busy server (bench:submit: the synchronous check ran ~470 req/s, jose ~560, this
 * ~650).
 */
function verifiedPayload(token: string, key: KeyObject): Promise<Uint8Array | null> {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  return new Promise((resolve) => {
    try {
      verify(
        null,
        Buffer.from(`${header}.${payload}`),
        key,
        Buffer.from(signature, "base64url"),
        (error, ok) => resolve(!error && ok ? Buffer.from(payload, "base64url") : null),
      );
    } catch {
      resolve(null);
    }
  });
}

/**
 * Checks a scanned code: signature by a known, unrevoked key, then expiry (on deps.clock),
 * revocation and, for a dynamic code, whether it was used.
 */
export async function verifyToken(
  deps: Deps,
  token: string,
  opts: VerifyOptions = {},
): Promise<VerifiedCode> {
  const kid = headerKid(token);
  const key = await verificationKey(deps, kid);
  if (!key) throw invalid("签名密钥未知或已停用");
  let verified = verifiedByKey.get(key);
  if (!verified) verifiedByKey.set(key, (verified = new Map<string, Uint8Array>()));
  let payload = verified.get(token);
  if (!payload) {
    payload = (await verifiedPayload(token, key)) ?? undefined;
    if (!payload) throw invalid("签名不符");
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, payload);
  }
  const claims = unpackClaims(payload);
  if (!claims) throw invalid("内容无法识别");
  const expired = deps.clock.now() >= claims.exp * 1000;
  if (expired && !opts.allowExpired)
    throw new DomainError("gone", "这个二维码已过期", { reason: "expired" });

  const state = await codeState(deps.database.db, claims);
  if (!state?.value) throw invalid("所指的办件不存在");
  if (isRevoked(claims, { jti: state.jtiRevoked === 1, subjectAt: state.subjectRevokedAt }))
    throw new DomainError("gone", "这个二维码已作废", { reason: "revoked" });
  const used = state.used === 1;
  if (used && !opts.allowUsed)
    throw new DomainError("gone", "这个二维码已经用过了", { reason: "used" });

  const { subjectType, exp, iat, ...rest } = claims;
  return {
    ...rest,
    subject: { type: subjectType, value: state.value },
    exp: exp * 1000,
    iat: iat * 1000,
    kid,
    expired,
    used,
  };
}

export type RevokeTarget = { jti: string } | { subject: QrSubject };

/**
 * Refuses one code (by jti) or every code issued for a subject up to now. Idempotent; revoking
 * a subject again moves its cut-off forward, so codes issued in between die too.
 */
export async function revokeCode(
  deps: Deps,
  target: RevokeTarget,
  reason = "revoked",
): Promise<void> {
  const row =
    "jti" in target
      ? { kind: "jti" as const, value: target.jti }
      : { kind: "subject" as const, value: encodeSubject(target.subject) };
  await deps.database.write(async (tx) => {
    const now = deps.clock.now();
    const insert = tx
      .insert(qrRevocations)
      .values({ id: newId(now), ...row, reason, createdAt: now });
    if (row.kind === "jti") await insert.onConflictDoNothing();
    else
      await insert.onConflictDoUpdate({
        target: [qrRevocations.kind, qrRevocations.value],
        set: {
          createdAt: sql`max(${qrRevocations.createdAt}, excluded.created_at)`,
          reason: sql`excluded.reason`,
        },
      });
  });
}

/**
 * Marks a dynamic code used, inside the caller's write so the use and what it allowed commit
 * together; the second use of a jti is refused.
 */
export async function useDynamicCode(
  tx: Tx,
  jti: string,
  purpose: string,
  now: number,
): Promise<void> {
  const inserted = await tx
    .insert(qrJtiUses)
    .values({ jti, usedAt: now, purpose })
    .onConflictDoNothing()
    .returning({ jti: qrJtiUses.jti });
  if (inserted.length === 0)
    throw new DomainError("gone", "这个二维码已经用过了", { reason: "used" });
}
