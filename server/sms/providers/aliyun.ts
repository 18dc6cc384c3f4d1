import "server-only";

import Dysmsapi, { SendSmsRequest } from "@alicloud/dysmsapi20170525";
import { $OpenApiUtil } from "@alicloud/openapi-core";

import { failureCode, type OutgoingSms, type SmsOutcome } from "../outcome";
import type { ProviderConfig } from "../sms.settings";

type AliyunConfig = Extract<ProviderConfig, { name: "aliyun" }>;

/**
 * 阿里云短信's answers that are the message's fault: the number, the signature or template, the
 * parameters, the content. Anything else (throttling, the account's balance, a system error, a key
 * the platform does not know) may go through another provider.
 */
const REFUSED = new Set([
  "isv.MOBILE_NUMBER_ILLEGAL",
  "isv.MOBILE_COUNT_OVER_LIMIT",
  "isv.SMS_TEMPLATE_ILLEGAL",
  "isv.SMS_SIGNATURE_ILLEGAL",
  "isv.SMS_SIGN_ILLEGAL",
  "isv.TEMPLATE_MISSING_PARAMETERS",
  "isv.INVALID_PARAMETERS",
  "isv.INVALID_JSON_PARAM",
  "isv.PARAM_LENGTH_LIMIT",
  "isv.PARAM_NOT_SUPPORT_URL",
  "isv.BLACK_KEY_CONTROL_LIMIT",
  "isv.EXTEND_CODE_ERROR",
  "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
  "isv.DENY_IP_RANGE",
]);

/**
 * The SDK is CommonJS with `exports.default`: a bundler hands over the class, Node's own ESM
 * loader (scripts run with tsx) the module object that holds it.
 */
const Client: typeof Dysmsapi =
  typeof Dysmsapi === "function"
    ? Dysmsapi
    : (Dysmsapi as unknown as { default: typeof Dysmsapi }).default;

const clients = new WeakMap<AliyunConfig, Dysmsapi>();

function clientOf(cfg: AliyunConfig): Dysmsapi {
  let client = clients.get(cfg);
  if (!client) {
    client = new Client(
      new $OpenApiUtil.Config({
        accessKeyId: cfg.accessKeyId,
        accessKeySecret: cfg.accessKeySecret,
        endpoint: cfg.endpoint.host,
        protocol: cfg.endpoint.protocol,
        connectTimeout: cfg.timeoutMs,
        readTimeout: cfg.timeoutMs,
      }),
    );
    clients.set(cfg, client);
  }
  return client;
}

/** SendSms through the official SDK: the template code and its parameters as JSON, the sign name. */
export async function sendAliyun(cfg: AliyunConfig, msg: OutgoingSms): Promise<SmsOutcome> {
  const templateCode = cfg.templates[msg.template];
  if (!templateCode) return { result: "refused", code: `no template id for ${msg.template}` };
  try {
    const res = await clientOf(cfg).sendSms(
      new SendSmsRequest({
        phoneNumbers: msg.to,
        signName: cfg.signName,
        templateCode,
        templateParam: JSON.stringify(msg.params),
        outId: msg.id,
      }),
    );
    const code = res.body?.code ?? "no code";
    if (code === "OK") return { result: "accepted", code: res.body?.bizId ?? null };
    return REFUSED.has(code) ? { result: "refused", code } : { result: "failed", code };
  } catch (e) {
    // the SDK throws for a non-2xx answer (a key it refuses, throttling, 5xx) and for timeouts
    return { result: "failed", code: failureCode(e) };
  }
}
