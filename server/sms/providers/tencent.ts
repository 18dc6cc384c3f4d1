import "server-only";

import { sms } from "tencentcloud-sdk-nodejs-sms";

import { failureCode, type OutgoingSms, type SmsOutcome } from "../outcome";
import type { ProviderConfig } from "../sms.settings";
import { orderedParams } from "../templates";

type TencentConfig = Extract<ProviderConfig, { name: "tencent" }>;
type SmsClient = InstanceType<typeof sms.v20210111.Client>;

/**
 * 腾讯云短信's answers that are the message's fault (the number, the template or signature, the
 * parameters, the content); the rest (InternalError, LimitExceeded, the package's balance,
 * AuthFailure) may go through another provider.
 */
const REFUSED_PREFIXES = [
  "InvalidParameterValue.",
  "InvalidParameter.",
  "MissingParameter.",
  "FailedOperation.TemplateIncorrectOrUnapproved",
  "FailedOperation.SignatureIncorrectOrUnapproved",
  "FailedOperation.PhoneNumberInBlacklist",
  "FailedOperation.PhoneNumberParseFail",
  "FailedOperation.ContainSensitiveWord",
  "FailedOperation.MissingTemplateToModify",
  "UnsupportedOperation.",
];
const refused = (code: string) => REFUSED_PREFIXES.some((p) => code.startsWith(p));

const clients = new WeakMap<TencentConfig, SmsClient>();

function clientOf(cfg: TencentConfig): SmsClient {
  let client = clients.get(cfg);
  if (!client) {
    client = new sms.v20210111.Client({
      credential: { secretId: cfg.secretId, secretKey: cfg.secretKey },
      region: cfg.region,
      profile: {
        httpProfile: {
          endpoint: cfg.endpoint.host,
          protocol: `${cfg.endpoint.protocol}://`,
          reqTimeout: cfg.timeoutMs / 1000,
        },
      },
    });
    clients.set(cfg, client);
  }
  return client;
}

/** SendSms (2021-01-11) through the official SDK: the template id and its parameters in order. */
export async function sendTencent(cfg: TencentConfig, msg: OutgoingSms): Promise<SmsOutcome> {
  const templateId = cfg.templates[msg.template];
  if (!templateId) return { result: "refused", code: `no template id for ${msg.template}` };
  try {
    const res = await clientOf(cfg).SendSms({
      SmsSdkAppId: cfg.sdkAppId,
      SignName: cfg.signName,
      TemplateId: templateId,
      TemplateParamSet: orderedParams(msg),
      PhoneNumberSet: [`+86${msg.to}`],
      SessionContext: msg.id,
    });
    // one number a request: its status is the answer (PhoneNumber in it is never kept)
    const status = res.SendStatusSet?.[0];
    const code = status?.Code ?? "no status";
    if (code === "Ok") return { result: "accepted", code: status?.SerialNo ?? null };
    return refused(code) ? { result: "refused", code } : { result: "failed", code };
  } catch (e) {
    // an error answer (AuthFailure, RequestLimitExceeded, InternalError) or no answer at all
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code && refused(code)) return { result: "refused", code };
    return { result: "failed", code: failureCode(e) };
  }
}
