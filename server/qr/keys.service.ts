import "server-only";

import { createPublicKey, type KeyObject } from "node:crypto";

import { desc, eq, ne } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";

import type { Database } from "@/db/client";
import { signingKeys } from "@/db/schema";
import type { Tx } from "@/db/types";

import type { Deps } from "../deps";
import { DomainError } from "../errors";
import { newId } from "../ids";
import { randomBytesPooled } from "../random";

export const QR_ALG = "EdDSA";
/** other processes see a rotation or revocation within this */
const RING_TTL_MS = 10_000;
/** an unknown kid reloads at most this often, so made-up kids cannot hammer the database */
const UNKNOWN_KID_RELOAD_MS = 1_000;

export type QrKey = Awaited<ReturnType<typeof importJWK>>;
type KeyRow = Pick<
  typeof signingKeys.$inferSelect,
  "kid" | "status" | "publicJwk" | "privateJwkEnc"
>;

interface Ring {
  loadedAt: number;
  active: KeyRow | undefined;
  /** active and retired keys; revoked ones are left out so they stop verifying */
  byKid: Map<string, KeyRow>;
}

interface KeyCache {
  ring?: Promise<Ring>;
  /** a kid's key material never changes, so imports are kept for the life of the process */
  imported: Map<string, Promise<QrKey>>;
  /** public halves as node:crypto keys: the scan path verifies with node:crypto (qr.service.ts) */
  publicKeys: Map<string, KeyObject>;
  ensuring?: Promise<void>;
}

const caches = new WeakMap<Database, KeyCache>();

function cacheOf(database: Database): KeyCache {
  let c = caches.get(database);
  if (!c) caches.set(database, (c = { imported: new Map(), publicKeys: new Map() }));
  return c;
}

async function loadRing(database: Database): Promise<Ring> {
  const rows = await database.db
    .select({
      kid: signingKeys.kid,
      status: signingKeys.status,
      publicJwk: signingKeys.publicJwk,
      privateJwkEnc: signingKeys.privateJwkEnc,
    })
    .from(signingKeys)
    .where(ne(signingKeys.status, "revoked"))
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.id));
  return {
    loadedAt: Date.now(),
    active: rows.find((r) => r.status === "active"),
    byKid: new Map(rows.map((r) => [r.kid, r])),
  };
}

async function ringOf(database: Database, maxAgeMs = RING_TTL_MS): Promise<Ring> {
  const c = cacheOf(database);
  const current = c.ring ? await c.ring.catch(() => undefined) : undefined;
  if (current && Date.now() - current.loadedAt < maxAgeMs) return current;
  const next = loadRing(database);
  c.ring = next;
  return next;
}

function invalidate(database: Database): void {
  delete cacheOf(database).ring;
}

function privateKeyOf(deps: Deps, row: KeyRow): Promise<QrKey> {
  const { imported } = cacheOf(deps.database);
  let key = imported.get(row.kid);
  if (!key) {
    key = importJWK(JSON.parse(deps.pii.decrypt(row.privateJwkEnc)) as JWK, QR_ALG);
    key.catch(() => imported.delete(row.kid));
    imported.set(row.kid, key);
  }
  return key;
}

function publicKeyOf(database: Database, row: KeyRow): KeyObject {
  const { publicKeys } = cacheOf(database);
  let key = publicKeys.get(row.kid);
  if (!key)
    publicKeys.set(
      row.kid,
      (key = createPublicKey({
        key: JSON.parse(row.publicJwk) as JWK & { kty: string },
        format: "jwk",
      })),
    );
  return key;
}

async function newKeyMaterial(deps: Deps) {
  const { publicKey, privateKey } = await generateKeyPair(QR_ALG, {
    crv: "Ed25519",
    extractable: true,
  });
  const [pub, priv] = await Promise.all([exportJWK(publicKey), exportJWK(privateKey)]);
  return {
    publicJwk: JSON.stringify({ kty: pub.kty, crv: pub.crv, x: pub.x }),
    privateJwkEnc: deps.pii.encrypt(JSON.stringify(priv)),
  };
}

/** kids are 3 characters (16 bits): every character counts in the QR; collisions are retried. */
async function insertKey(
  tx: Tx,
  material: Awaited<ReturnType<typeof newKeyMaterial>>,
  now: number,
): Promise<string> {
  for (let attempt = 0; attempt < 16; attempt++) {
    const kid = randomBytesPooled(2).toString("base64url");
    const [taken] = await tx
      .select({ kid: signingKeys.kid })
      .from(signingKeys)
      .where(eq(signingKeys.kid, kid));
    if (taken) continue;
    await tx
      .insert(signingKeys)
      .values({ id: newId(now), kid, ...material, status: "active", createdAt: now });
    return kid;
  }
  throw new Error("no free kid for a new signing key");
}

async function ensureActive(deps: Deps): Promise<void> {
  const material = await newKeyMaterial(deps);
  await deps.database.write(async (tx) => {
    // another request or process may have created one since the ring was read
    const [existing] = await tx
      .select({ kid: signingKeys.kid })
      .from(signingKeys)
      .where(eq(signingKeys.status, "active"))
      .limit(1);
    if (!existing) await insertKey(tx, material, deps.clock.now());
  });
  invalidate(deps.database);
}

/** The key new codes are signed with; the first call on an empty database creates it. */
export async function activeKey(deps: Deps): Promise<{ kid: string; key: QrKey }> {
  let ring = await ringOf(deps.database);
  if (!ring.active) {
    const c = cacheOf(deps.database);
    c.ensuring ??= ensureActive(deps).finally(() => delete c.ensuring);
    await c.ensuring;
    ring = await ringOf(deps.database);
  }
  if (!ring.active) throw new Error("no active QR signing key after creating one");
  return { kid: ring.active.kid, key: await privateKeyOf(deps, ring.active) };
}

/** The public key for a kid, or null when it is unknown or revoked. */
export async function verificationKey(deps: Deps, kid: string): Promise<KeyObject | null> {
  let row = (await ringOf(deps.database)).byKid.get(kid);
  // a key made by another process in the last few seconds
  row ??= (await ringOf(deps.database, UNKNOWN_KID_RELOAD_MS)).byKid.get(kid);
  return row ? publicKeyOf(deps.database, row) : null;
}

/** A new active key; the old one retires and keeps verifying the codes it signed. */
export async function rotateKey(deps: Deps): Promise<{ kid: string }> {
  const material = await newKeyMaterial(deps);
  const kid = await deps.database.write(async (tx) => {
    const now = deps.clock.now();
    await tx
      .update(signingKeys)
      .set({ status: "retired", retiredAt: now })
      .where(eq(signingKeys.status, "active"));
    return insertKey(tx, material, now);
  });
  invalidate(deps.database);
  return { kid };
}

/** A compromised key: every code it signed is refused from now on. */
export async function revokeKey(deps: Deps, kid: string): Promise<void> {
  const done = await deps.database.write(async (tx) => {
    const [row] = await tx
      .select({ retiredAt: signingKeys.retiredAt })
      .from(signingKeys)
      .where(eq(signingKeys.kid, kid));
    if (!row) return false;
    await tx
      .update(signingKeys)
      .set({ status: "revoked", retiredAt: row.retiredAt ?? deps.clock.now() })
      .where(eq(signingKeys.kid, kid));
    return true;
  });
  invalidate(deps.database);
  if (!done) throw new DomainError("not_found", `no signing key with kid ${JSON.stringify(kid)}`);
}
