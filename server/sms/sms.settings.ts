import { z } from "zod";

import { settingError } from "../env-error";
import { SMS_TEMPLATES, type SmsTemplate } from "./templates";

/**
 * Where SMS go (SPEC §6): `outbox` keeps them for the demo, `none` leaves them waiting, and a
 * city names its providers in failover order: `http` (its own gateway), `aliyun` (阿里云短信),
 * `tencent` (腾讯云短信), e.g. `aliyun,tencent`. A wrong or missing setting stops the start with
 * one sentence naming it.
 */
export type ProviderName = "http" | "aliyun" | "tencent";
export const PROVIDER_NAMES: ProviderName[] = ["http", "aliyun", "tencent"];

/** an endpoint is a host (the platform's own, over https) or a full origin (a stand-in, a proxy) */
export interface Endpoint {
  host: string;
  protocol: "https" | "http";
}

/** how long one call to a provider may take before the next is tried (SMS_TIMEOUT_MS) */
type Timeout = { timeoutMs: number };

export type ProviderConfig = Timeout &
  (
    | { name: "http"; url: string; secret: string }
    | {
        name: "aliyun";
        accessKeyId: string;
        accessKeySecret: string;
        signName: string;
        templates: Partial<Record<SmsTemplate, string>>;
        endpoint: Endpoint;
      }
    | {
        name: "tencent";
        secretId: string;
        secretKey: string;
        sdkAppId: string;
        signName: string;
        templates: Partial<Record<SmsTemplate, string>>;
        region: string;
        endpoint: Endpoint;
      }
  );

const DEFAULT_TIMEOUT_MS = 5_000;

export type SmsSettings =
  { mode: "outbox" } | { mode: "none" } | { mode: "providers"; providers: ProviderConfig[] };

/** `invite` is registered for the day the product sends it; these it sends today */
export const REQUIRED_TEMPLATES: SmsTemplate[] = ["otp", "reminder", "task", "supervise"];

type Source = Record<string, string | undefined>;

function required(
  source: Source,
  name: string,
  why = "must be set for the SMS provider named in SMS_PROVIDER",
): string {
  const v = source[name]?.trim();
  if (!v) throw settingError(name, why);
  return v;
}

function endpointOf(source: Source, name: string, fallback: string): Endpoint {
  const raw = source[name]?.trim() || fallback;
  if (/^https?:\/\//.test(raw)) {
    const url = z.url().safeParse(raw);
    if (!url.success)
      throw settingError(
        name,
        "must be a host (dysmsapi.aliyuncs.com) or an origin (https://host:port)",
      );
    const u = new URL(raw);
    return { host: u.host, protocol: u.protocol === "http:" ? "http" : "https" };
  }
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(raw))
    throw settingError(
      name,
      "must be a host (dysmsapi.aliyuncs.com) or an origin (https://host:port)",
    );
  return { host: raw, protocol: "https" };
}

/** A JSON object from template name to the platform's template id; the ones sent today must be there. */
function templatesOf(
  source: Source,
  name: string,
  idPattern: RegExp,
  example: string,
): Partial<Record<SmsTemplate, string>> {
  const raw = required(source, name, `must map each template to its id as JSON, e.g. ${example}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw settingError(name, `is not JSON; write it as ${example}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw settingError(name, `must be a JSON object, e.g. ${example}`);
  const entries = Object.entries(parsed as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (!SMS_TEMPLATES.includes(key as SmsTemplate))
      throw settingError(
        name,
        `names an unknown template "${key}" (the templates are ${SMS_TEMPLATES.join(", ")})`,
      );
    if (typeof value !== "string" || !idPattern.test(value))
      throw settingError(
        name,
        `the id of template ${key} does not look like one (${String(value)})`,
      );
  }
  const missing = REQUIRED_TEMPLATES.filter((t) => !(t in parsed));
  if (missing.length) throw settingError(name, `has no template id for ${missing.join(", ")}`);
  return Object.fromEntries(entries);
}

function timeoutOf(source: Source): number {
  const raw = source.SMS_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 200 || ms > 30_000)
    throw settingError(
      "SMS_TIMEOUT_MS",
      "must be a whole number of milliseconds from 200 to 30000",
    );
  return ms;
}

function providerOf(source: Source, name: ProviderName): ProviderConfig {
  return { ...providerSettings(source, name), timeoutMs: timeoutOf(source) };
}

function providerSettings(source: Source, name: ProviderName) {
  switch (name) {
    case "http": {
      const url = required(source, "SMS_HTTP_URL");
      if (!z.url().safeParse(url).success || !/^https?:\/\//.test(url))
        throw settingError("SMS_HTTP_URL", "must be an http(s) URL");
      const secret = required(source, "SMS_HTTP_SECRET");
      if (!/^whsec_[A-Za-z0-9+/=]+$/.test(secret))
        throw settingError("SMS_HTTP_SECRET", "must be in the whsec_… form");
      return { name, url, secret } as const;
    }
    case "aliyun":
      return {
        name: "aliyun" as const,
        accessKeyId: required(source, "SMS_ALIYUN_ACCESS_KEY_ID"),
        accessKeySecret: required(source, "SMS_ALIYUN_ACCESS_KEY_SECRET"),
        signName: required(
          source,
          "SMS_ALIYUN_SIGN_NAME",
          "must be the registered 短信签名, e.g. 台山好差评",
        ),
        templates: templatesOf(
          source,
          "SMS_ALIYUN_TEMPLATES",
          /^SMS_\d+$/,
          '{"otp":"SMS_123456789","reminder":"SMS_…","task":"SMS_…","supervise":"SMS_…"}',
        ),
        endpoint: endpointOf(source, "SMS_ALIYUN_ENDPOINT", "dysmsapi.aliyuncs.com"),
      };
    case "tencent": {
      const sdkAppId = required(source, "SMS_TENCENT_SDK_APP_ID");
      if (!/^\d+$/.test(sdkAppId))
        throw settingError("SMS_TENCENT_SDK_APP_ID", "must be the 短信应用 SdkAppId (digits)");
      return {
        name: "tencent" as const,
        secretId: required(source, "SMS_TENCENT_SECRET_ID"),
        secretKey: required(source, "SMS_TENCENT_SECRET_KEY"),
        sdkAppId,
        signName: required(
          source,
          "SMS_TENCENT_SIGN_NAME",
          "must be the registered 短信签名, e.g. 台山好差评",
        ),
        templates: templatesOf(
          source,
          "SMS_TENCENT_TEMPLATES",
          /^\d+$/,
          '{"otp":"1234567","reminder":"…","task":"…","supervise":"…"}',
        ),
        region: source.SMS_TENCENT_REGION?.trim() || "ap-guangzhou",
        endpoint: endpointOf(source, "SMS_TENCENT_ENDPOINT", "sms.tencentcloudapi.com"),
      };
    }
  }
}

export function parseSmsSettings(source: Source): SmsSettings {
  const names = (source.SMS_PROVIDER ?? "outbox")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 1 && (names[0] === "outbox" || names[0] === "none"))
    return { mode: names[0] };
  if (!names.length)
    throw settingError("SMS_PROVIDER", "is empty; use outbox, none, http, aliyun or tencent");
  for (const n of names) {
    if (n === "outbox" || n === "none")
      throw settingError("SMS_PROVIDER", `${n} cannot be combined with a provider`);
    if (!PROVIDER_NAMES.includes(n as ProviderName))
      throw settingError(
        "SMS_PROVIDER",
        `unknown provider "${n}" (use http, aliyun or tencent, or two of them comma-separated)`,
      );
  }
  if (new Set(names).size !== names.length)
    throw settingError("SMS_PROVIDER", "names a provider twice");
  return {
    mode: "providers",
    providers: (names as ProviderName[]).map((n) => providerOf(source, n)),
  };
}
