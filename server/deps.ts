import "server-only";

import { hkdfSync } from "node:crypto";

import { type Database, openDatabase, SERVING_TIMEOUT_MS } from "@/db/client";

import { type Clock, systemClock } from "./clock";
import { env, type TEnv } from "./env";
import { createPii, type Pii } from "./privacy/pii";
import { checkSuite } from "./privacy/suite-record";
import type { SmsSettings } from "./sms/sms.settings";

export interface Settings {
  /** origin printed into QR codes */
  publicUrl: string;
  /** where SMS go: the demo's outbox (listed at /api/dev/sms), nowhere yet, or providers in failover order */
  sms: SmsSettings;
  /** cookies get Secure outside development and tests */
  secureCookies: boolean;
  oidc: {
    issuer: string;
    clientId: string;
    jwksUrl?: string | undefined;
    jwks?: string | undefined;
  } | null;
  /** 12345 work-order webhook (Standard Webhooks); without a URL work orders wait in the outbox */
  hotlineWebhook: { url: string | null; secret: string | null };
  /** provincial 好差评 push; without a URL pushes wait in the outbox (补报 once it is set) */
  provincePushUrl: string | null;
  /** HCP_TRUSTED_PROXIES: how many proxies in front append the client's address (server/http/client-address.ts) */
  trustedProxies: number;
  /** where evidence files live, by SHA-256 (DESIGN §8): never the database, never public/ */
  filesDir: string;
  /** the demo (HCP_DEMO=1): its seeded passwords never expire there, and only there */
  demo: boolean;
  /** HCP_REQUIRE_2FA: admin accounts without a second factor enrol one before anything else */
  require2fa: boolean;
}

/** What services need; tests build their own with a moved clock and a copied database. */
export interface Deps {
  database: Database;
  clock: Clock;
  pii: Pii;
  settings: Settings;
  /** HMAC key for real-name session cookies, derived from HCP_DATA_KEY */
  sessionKey: Uint8Array;
}

export function deriveSessionKey(dataKeyBase64: string): Uint8Array {
  return new Uint8Array(
    hkdfSync(
      "sha256",
      Buffer.from(dataKeyBase64, "base64"),
      Buffer.alloc(0),
      "hcp rater session",
      32,
    ),
  );
}

/** A key of its own for each kind of signed cookie, so one kind can never pass for another. */
export function cookieKey(deps: Pick<Deps, "sessionKey">, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", deps.sessionKey, Buffer.alloc(0), purpose, 32));
}

const globalKey = Symbol.for("hcp.deps");
type Holder = { [globalKey]?: Promise<Deps> };

/**
 * One set per process. Kept on globalThis because Next may load a module once per bundle
 * layer (instrumentation, route handlers), and there must be exactly one writer.
 */
export function getDeps(): Promise<Deps> {
  const holder = globalThis as Holder;
  holder[globalKey] ??= (async () => {
    const e = env();
    const database = await openDatabase(e.DATABASE_URL, e.DATABASE_AUTH_TOKEN, {
      timeoutMs: SERVING_TIMEOUT_MS,
      writer: { maxGroup: e.HCP_WRITER_MAX_GROUP, yieldEvery: e.HCP_WRITER_YIELD_EVERY },
    });
    try {
      return await checkedDeps(database, e);
    } catch (err) {
      database.close();
      throw err;
    }
  })();
  return holder[globalKey];
}

/**
 * The deps of the environment over an open database, for the server and every script that seals
 * or reads PII: refused (EnvError naming HCP_CRYPTO) when the database holds the other suite.
 */
export async function checkedDeps(
  database: Database,
  e: TEnv,
  clock: Clock = systemClock,
): Promise<Deps> {
  await checkSuite(database, e.HCP_CRYPTO, clock.now());
  return {
    database,
    clock,
    pii: createPii(e.dataKey, e.HCP_CRYPTO),
    sessionKey: deriveSessionKey(e.dataKey),
    settings: settingsOf(e),
  };
}

/** The settings the environment gives (server/env.ts), for the server and for scripts that run services. */
export function settingsOf(e: ReturnType<typeof env>): Settings {
  return {
    publicUrl: e.publicUrl,
    sms: e.sms,
    secureCookies: e.NODE_ENV === "production" && e.publicUrl.startsWith("https:"),
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID ?? "",
          jwksUrl: e.OIDC_JWKS_URL,
          jwks: e.OIDC_JWKS,
        }
      : null,
    hotlineWebhook: {
      url: e.HOTLINE_WEBHOOK_URL ?? null,
      secret: e.HOTLINE_WEBHOOK_SECRET ?? null,
    },
    provincePushUrl: e.PROVINCE_PUSH_URL ?? null,
    filesDir: e.HCP_FILES_DIR,
    trustedProxies: e.HCP_TRUSTED_PROXIES,
    demo: e.demo,
    require2fa: e.HCP_REQUIRE_2FA ? e.HCP_REQUIRE_2FA === "1" : !e.demo,
  };
}
