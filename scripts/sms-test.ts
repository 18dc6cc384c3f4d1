/**
 * npm run sms:test -- --to <phone> [--provider aliyun]: sends one `otp` message with a random code
 * through each configured SMS provider (or the one named), and prints what each answered. For a
 * city checking its settings (keys, signature, template ids) before switching the system on.
 */
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";

import { env, EnvError } from "@/server/env";
import { newId } from "@/server/ids";
import { maskPhone } from "@/server/privacy/mask";
import { sendVia } from "@/server/sms/sms.delivery";
import { renderSms, type SmsMessage } from "@/server/sms/templates";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { to: { type: "string" }, provider: { type: "string" } },
  });
  if (!values.to || !/^1[3-9]\d{9}$/.test(values.to)) {
    console.error(
      "usage: npm run sms:test -- --to <11-digit mobile number> [--provider http|aliyun|tencent]",
    );
    return 2;
  }
  const sms = env().sms;
  if (sms.mode !== "providers") {
    console.error(
      `SMS_PROVIDER is ${sms.mode}: there is no provider to test (set SMS_PROVIDER to http, aliyun or tencent)`,
    );
    return 2;
  }
  const providers = sms.providers.filter((p) => !values.provider || p.name === values.provider);
  if (!providers.length) {
    console.error(`SMS_PROVIDER does not name ${values.provider}`);
    return 2;
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const msg: SmsMessage = { to: values.to, template: "otp", params: { code } };
  console.log(`sending the otp template with code ${code} to ${maskPhone(values.to)}`);
  let ok = true;
  for (const p of providers) {
    const outcome = await sendVia(p, { ...msg, id: newId(), text: renderSms(msg) });
    ok &&= outcome.result === "accepted";
    console.log(`${p.name}: ${outcome.result}${outcome.code ? ` (${outcome.code})` : ""}`);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(
      e instanceof EnvError
        ? e.message
        : `sms:test failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  },
);
