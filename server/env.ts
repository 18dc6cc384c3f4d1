import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { z } from "zod";

import { settingError } from "./env-error";
import { parseSmsSettings, type SmsSettings } from "./sms/sms.settings";

export { EnvError } from "./env-error";

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z.url().optional();

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "silent"] as const;

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:(?!\/\/[^/])|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
      "use file:path, libsql://, http(s):// or ws(s)://",
    )
    .default("file:data/hcp.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  HCP_PUBLIC_URL: optionalUrl,
  HCP_DATA_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=?$/, "must be 32 bytes in base64 (openssl rand -base64 32)")
    .optional(),
  /**
   * the algorithms of PII at rest, blind indexes and the rating chain (server/privacy/suite.ts), chosen at
   * installation: std (AES-256-GCM, SHA-256) or gm (SM4, SM3, for a 密评); the database records it
   */
  HCP_CRYPTO: z
    .enum(["std", "gm"], { error: "must be std (AES-256-GCM, SHA-256) or gm (SM4, SM3)" })
    .default("std"),
  /**
   * outbox: the demo keeps every SMS and lists it at /api/dev/sms; none: SMS wait in the outbox;
   * http, aliyun, tencent, or two of them in failover order (server/sms/sms.settings.ts)
   */
  SMS_PROVIDER: z.string().default("outbox"),
  /** 1 (the default): `npm start` is the demo; 0: a deployment — no demo data, no /api/dev, no demo keys or passwords */
  HCP_DEMO: z.enum(["0", "1"], { error: "must be 0 (a deployment) or 1 (the demo)" }).default("1"),
  /**
   * 1: an org admin or bureau account without a second factor must enrol one before any other page
   * (SPEC §8); unset: on in a deployment, off in the demo (so the README's walkthrough stays two steps)
   */
  HCP_REQUIRE_2FA: z.enum(["0", "1"], { error: "must be 0 or 1" }).optional(),
  /** the demo's integration clients; a deployment makes its clients in 系统管理 → 接入系统 (these, if set, are made too) */
  INTAKE_API_KEY: z.string().min(8).optional(),
  HOTLINE_API_KEY: z.string().min(8).optional(),
  STATS_API_KEY: z.string().min(8).optional(),
  /** the key IT's Prometheus scrapes /api/metrics with (scope metrics) */
  METRICS_API_KEY: z.string().min(8).optional(),
  HOTLINE_WEBHOOK_URL: optionalUrl,
  HOTLINE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, "must be in the whsec_… form")
    .optional(),
  PROVINCE_PUSH_URL: optionalUrl,
  /** the reverse proxies in front of the app that append the client's address to X-Forwarded-For */
  HCP_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(5).default(0),
  /** evidence files of appeals (article 22), by SHA-256 */
  HCP_FILES_DIR: z.string().min(1).default("data/files"),
  OIDC_ISSUER: optionalUrl,
  /** this app's client id at the identity provider: an id_token must be issued to it (aud) */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_JWKS_URL: optionalUrl,
  OIDC_JWKS: z.string().optional(),
  /** how often the server runs its background jobs; 0 leaves them to `npm run jobs` */
  JOBS_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(30),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** the writer's tuning (db/writer.ts): most writes one transaction takes, and after how many
   * it lets the event loop answer other requests (0: not inside a group) */
  /** 0 sends the two busiest POSTs through Next's router too (server/http/hot-routes.ts) */
  HCP_HOT_ROUTES: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("1"),
  HCP_WRITER_MAX_GROUP: z.coerce.number().int().min(1).max(4096).default(256),
  HCP_WRITER_YIELD_EVERY: z.coerce.number().int().min(0).max(4096).default(0),
});

type Parsed = z.infer<typeof ZEnv>;
/** the demo's keys, which a deployment (HCP_DEMO=0) refuses */
export const DEMO_API_KEYS = {
  INTAKE_API_KEY: "demo-intake-key",
  HOTLINE_API_KEY: "demo-hotline-key",
  STATS_API_KEY: "demo-stats-key",
  METRICS_API_KEY: "demo-metrics-key",
} as const;
type ApiKeyName = keyof typeof DEMO_API_KEYS;

export type TEnv = Omit<Parsed, ApiKeyName> &
  Partial<Record<ApiKeyName, string>> & {
    dataKey: string;
    publicUrl: string;
    sms: SmsSettings;
    demo: boolean;
  };

/**
 * A deployment (HCP_DEMO=0) takes nothing of the demo's: no demo key, and no SMS kept for anyone
 * to read at /api/dev/sms. The demo fills in its keys.
 */
function apiKeys(
  parsed: Parsed,
  demo: boolean,
  sms: SmsSettings,
): Partial<Record<ApiKeyName, string>> {
  if (demo)
    return Object.fromEntries(
      Object.entries(DEMO_API_KEYS).map(([k, v]) => [k, parsed[k as ApiKeyName] ?? v]),
    );
  for (const [name, demoKey] of Object.entries(DEMO_API_KEYS)) {
    if (parsed[name as ApiKeyName] === demoKey)
      throw settingError(
        name,
        `${demoKey} is the demo's key and is refused with HCP_DEMO=0; make a client in 系统管理 → 接入系统, or set a key of your own`,
      );
  }
  if (sms.mode === "outbox")
    throw settingError(
      "SMS_PROVIDER",
      "outbox is the demo's (its codes are readable at /api/dev/sms) and is refused with HCP_DEMO=0; name http, aliyun or tencent, or none",
    );
  return {
    INTAKE_API_KEY: parsed.INTAKE_API_KEY,
    HOTLINE_API_KEY: parsed.HOTLINE_API_KEY,
    STATS_API_KEY: parsed.STATS_API_KEY,
    METRICS_API_KEY: parsed.METRICS_API_KEY,
  };
}

/** Where the demo keeps its generated PII key when HCP_DATA_KEY is not set. */
export const DATA_KEY_FILE = "data/hcp-data-key";

let cached: TEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw settingError(name, issue?.message ?? "invalid");
  }
  const parsed = result.data;
  const sms = parseSmsSettings(cleaned);
  if (parsed.OIDC_ISSUER && !parsed.OIDC_CLIENT_ID)
    throw settingError(
      "OIDC_CLIENT_ID",
      "must be set with OIDC_ISSUER: an id_token is accepted only when issued to this app",
    );
  const dataKey = parsed.HCP_DATA_KEY ?? readKeyFile();
  const publicUrl = (parsed.HCP_PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, "");
  const demo = parsed.HCP_DEMO === "1";
  return { ...parsed, ...apiKeys(parsed, demo, sms), dataKey, publicUrl, sms, demo };
}

function readKeyFile(): string {
  if (!existsSync(DATA_KEY_FILE)) {
    throw settingError(
      "HCP_DATA_KEY",
      `not set and ${DATA_KEY_FILE} does not exist (npm start creates it)`,
    );
  }
  return readFileSync(DATA_KEY_FILE, "utf8").trim();
}

/** The one place that reads process.env; parsed once. */
export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The demo's first start makes a PII key in the data folder when none is configured. */
export function ensureDataKeyFile(generate: () => string): boolean {
  if (process.env.HCP_DATA_KEY || existsSync(DATA_KEY_FILE)) return false;
  mkdirSync(dirname(DATA_KEY_FILE), { recursive: true });
  writeFileSync(DATA_KEY_FILE, `${generate()}\n`, { mode: 0o600 });
  return true;
}
