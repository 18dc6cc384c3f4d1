import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";

import { cases, outbox, smsAttempts } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { waitFor } from "@/tests/net";
import { startAliyun, startHttpGateway, startTencent } from "@/tests/sms-standins";
import { newWebhookSecret } from "@/tests/webhook-receiver";

import { recordCaseEvent } from "../cases/cases.service";
import type { Deps } from "../deps";
import { requestOtp, verifyOtp } from "../identity/otp.service";
import { listOutbox, ZListOutbox } from "../manage/platform.service";
import { MAX_ATTEMPTS, queueSms } from "../outbox/outbox.service";
import { deliverDueSms, sendSmsNow } from "./sms.delivery";
import { smsHealth } from "./sms.health";
import { parseSmsSettings, type ProviderConfig, type SmsSettings } from "./sms.settings";

const fresh = perTestDeps();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

const PHONE = "13922334455";
const ALIYUN_TEMPLATES = {
  otp: "SMS_100000001",
  reminder: "SMS_100000002",
  task: "SMS_100000003",
  supervise: "SMS_100000004",
};
const TENCENT_TEMPLATES = {
  otp: "2000001",
  reminder: "2000002",
  task: "2000003",
  supervise: "2000004",
};

/** The providers as a city's settings would name them, each pointed at its stand-in on 127.0.0.1. */
async function standIns() {
  const secret = newWebhookSecret();
  const [gateway, aliyun, tencent] = await Promise.all([
    startHttpGateway(secret),
    startAliyun("LTAI-test-key", "aliyun-secret"),
    startTencent("AKID-test", "tencent-secret"),
  ]);
  stops.push(gateway.stop, aliyun.stop, tencent.stop);
  const settings = (providers: string): SmsSettings =>
    parseSmsSettings({
      SMS_PROVIDER: providers,
      SMS_HTTP_URL: gateway.url,
      SMS_HTTP_SECRET: secret,
      SMS_ALIYUN_ACCESS_KEY_ID: "LTAI-test-key",
      SMS_ALIYUN_ACCESS_KEY_SECRET: "aliyun-secret",
      SMS_ALIYUN_SIGN_NAME: "台山好差评",
      SMS_ALIYUN_TEMPLATES: JSON.stringify(ALIYUN_TEMPLATES),
      SMS_ALIYUN_ENDPOINT: aliyun.origin,
      SMS_TENCENT_SECRET_ID: "AKID-test",
      SMS_TENCENT_SECRET_KEY: "tencent-secret",
      SMS_TENCENT_SDK_APP_ID: "1400000001",
      SMS_TENCENT_SIGN_NAME: "台山好差评",
      SMS_TENCENT_TEMPLATES: JSON.stringify(TENCENT_TEMPLATES),
      SMS_TENCENT_ENDPOINT: tencent.origin,
      // a stand-in that never answers is given up on in 1 s, not the default 5
      SMS_TIMEOUT_MS: "1000",
    });
  return { gateway, aliyun, tencent, settings };
}

async function depsWith(sms: SmsSettings) {
  return fresh("2026-03-02T10:00:00+08:00", { sms });
}

async function queued(deps: Deps, key: string, template: "otp" | "reminder" = "reminder") {
  const msg =
    template === "otp"
      ? { to: PHONE, template, params: { code: "246810" } }
      : {
          to: PHONE,
          template,
          params: {
            item: "社会保障卡信息变更",
            serial: "TS-2026-0001",
            link: "http://hcp.test/r/abc",
          },
        };
  await deps.database.write((tx) => queueSms(deps, tx, key, msg, deps.clock.now()));
  const [row] = await deps.database.db.select().from(outbox).where(eq(outbox.dedupeKey, key));
  return row!;
}

const attemptsOf = (deps: Deps, outboxId: string) =>
  deps.database.db
    .select({ provider: smsAttempts.provider, result: smsAttempts.result, code: smsAttempts.code })
    .from(smsAttempts)
    .where(eq(smsAttempts.outboxId, outboxId))
    .orderBy(smsAttempts.at, smsAttempts.id);

const stateOf = async (deps: Deps, id: string) =>
  (await deps.database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

describe("SMS through the providers (SPEC §6), each against its stand-in", () => {
  test("http: the gateway gets {id, to, template, params, text}, signed the Standard Webhooks way; the id stays on a retry", async () => {
    const s = await standIns();
    const { deps, clock } = await depsWith(s.settings("http"));
    const row = await queued(deps, "reminder:t1");
    s.gateway.next.push({ status: 503 });
    expect(await deliverDueSms(deps)).toEqual({ sent: 0, refused: 0, failed: 1 });
    expect((await stateOf(deps, row.id)).status).toBe("pending");
    clock.advance(3600_000);
    expect(await deliverDueSms(deps)).toEqual({ sent: 1, refused: 0, failed: 0 });
    expect(s.gateway.received).toHaveLength(2);
    const [first, again] = s.gateway.received;
    expect(first).toMatchObject({
      verified: true,
      id: row.id,
      to: PHONE,
      template: "reminder",
      params: { item: "社会保障卡信息变更", serial: "TS-2026-0001", link: "http://hcp.test/r/abc" },
    });
    expect(first!.text).toBe(
      "【台山好差评】您办理的“社会保障卡信息变更”（流水号 TS-2026-0001）已办结，欢迎评价：http://hcp.test/r/abc",
    );
    expect(again!.id).toBe(row.id);
    expect(await attemptsOf(deps, row.id)).toEqual([
      { provider: "http", result: "failed", code: "HTTP 503" },
      { provider: "http", result: "accepted", code: null },
    ]);
    expect((await stateOf(deps, row.id)).status).toBe("sent");
  });

  test("aliyun: SendSms through the official SDK, ACS3-signed, the template code, sign name and parameters as JSON", async () => {
    const s = await standIns();
    const { deps } = await depsWith(s.settings("aliyun"));
    const row = await queued(deps, "otp:a1", "otp");
    await sendSmsNow(deps, "otp:a1");
    expect(s.aliyun.received).toEqual([
      {
        verified: true,
        action: "SendSms@2017-05-25",
        to: PHONE,
        template: "SMS_100000001",
        params: { code: "246810" },
        signName: "台山好差评",
        id: row.id,
      },
    ]);
    expect((await stateOf(deps, row.id)).status).toBe("sent");
    expect(await attemptsOf(deps, row.id)).toEqual([
      { provider: "aliyun", result: "accepted", code: expect.stringMatching(/\^0$/) as string },
    ]);
  });

  test("tencent: SendSms 2021-01-11 through the official SDK, TC3-signed, the parameters in the template's order, the number as +86", async () => {
    const s = await standIns();
    const { deps } = await depsWith(s.settings("tencent"));
    const row = await queued(deps, "reminder:t2");
    await sendSmsNow(deps, "reminder:t2");
    expect(s.tencent.received).toEqual([
      {
        verified: true,
        action: "SendSms@2021-01-11@1400000001",
        to: `+86${PHONE}`,
        template: "2000002",
        params: ["社会保障卡信息变更", "TS-2026-0001", "http://hcp.test/r/abc"],
        signName: "台山好差评",
        id: row.id,
      },
    ]);
    const attempts = await attemptsOf(deps, row.id);
    expect(attempts).toMatchObject([{ provider: "tencent", result: "accepted" }]);
    // the platform's answer names the phone; what is kept never does
    expect(JSON.stringify(attempts)).not.toContain(PHONE.slice(3));
  });

  test("a refusal (a bad number) is dead at once, not retried, not failed over, and shown among the dead letters", async () => {
    const s = await standIns();
    const { deps, clock } = await depsWith(s.settings("aliyun,tencent"));
    const row = await queued(deps, "reminder:r1");
    s.aliyun.next.push({ code: "isv.MOBILE_NUMBER_ILLEGAL" });
    expect(await deliverDueSms(deps)).toEqual({ sent: 0, refused: 1, failed: 0 });
    clock.advance(24 * 3600_000);
    expect(await deliverDueSms(deps)).toEqual({ sent: 0, refused: 0, failed: 0 });
    expect(s.aliyun.received).toHaveLength(1);
    expect(s.tencent.received).toHaveLength(0);
    const dead = await listOutbox(deps, ZListOutbox.parse({ channel: "sms", status: "dead" }));
    expect(dead).toMatchObject([
      { id: row.id, lastError: "aliyun: isv.MOBILE_NUMBER_ILLEGAL", attempts: 1 },
    ]);
  });

  test("failover: a provider's own fault (throttled, 5xx, no answer) goes to the next at once; the bureau sees who delivered", async () => {
    const s = await standIns();
    const { deps } = await depsWith(s.settings("tencent,aliyun"));
    const throttled = await queued(deps, "reminder:f1");
    s.tencent.next.push({ code: "RequestLimitExceeded" });
    await sendSmsNow(deps, "reminder:f1");
    expect(await attemptsOf(deps, throttled.id)).toMatchObject([
      {
        provider: "tencent",
        result: "failed",
        code: expect.stringContaining("RequestLimitExceeded") as string,
      },
      { provider: "aliyun", result: "accepted" },
    ]);
    expect((await stateOf(deps, throttled.id)).status).toBe("sent");

    const silent = await queued(deps, "reminder:f2");
    s.tencent.next.push("hang");
    await sendSmsNow(deps, "reminder:f2");
    expect(await attemptsOf(deps, silent.id)).toMatchObject([
      { provider: "tencent", result: "failed" },
      { provider: "aliyun", result: "accepted" },
    ]);
    const [view] = await listOutbox(deps, ZListOutbox.parse({ channel: "sms", record: "f2" }));
    expect(view).toMatchObject({ status: "sent", provider: "aliyun" });
    expect(await smsHealth(deps)).toEqual({
      providers: [
        { provider: "aliyun", tries: 2, accepted: 2, refused: 0, failed: 0, failureRate: 0 },
        { provider: "tencent", tries: 2, accepted: 0, refused: 0, failed: 2, failureRate: 1 },
      ],
      byTemplate: [
        { template: "reminder", result: "accepted", n: 2 },
        { template: "reminder", result: "failed", n: 2 },
      ],
    });
  });

  test("when every provider fails, the message waits with backoff and is a dead letter after the last try", async () => {
    const s = await standIns();
    const { deps, clock } = await depsWith(s.settings("http,aliyun"));
    const row = await queued(deps, "reminder:d1");
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      s.gateway.next.push({ status: 500 });
      s.aliyun.next.push({ status: 503 });
      await deliverDueSms(deps);
      clock.advance(3600_000);
    }
    const state = await stateOf(deps, row.id);
    expect(state).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
    expect(state.lastError).toContain("http: HTTP 500; aliyun:");
    expect(await attemptsOf(deps, row.id)).toHaveLength(2 * MAX_ATTEMPTS);
    expect(await deliverDueSms(deps)).toEqual({ sent: 0, refused: 0, failed: 0 });
  });

  test("two senders at once (the code's own send and a job run, or two instances): the platform gets it once", async () => {
    const s = await standIns();
    const { deps } = await depsWith(s.settings("http"));
    await queued(deps, "reminder:c1");
    await Promise.all([
      sendSmsNow(deps, "reminder:c1"),
      deliverDueSms(deps),
      sendSmsNow(deps, "reminder:c1"),
    ]);
    expect(s.gateway.received).toHaveLength(1);
  });

  test("a one-time code leaves at once, not at the next job run, and the code the platform got proves real name", async () => {
    const s = await standIns();
    const { deps } = await depsWith(s.settings("http"));
    const e = caseEvent({
      case: {
        applicant: { type: "person", name: "黄秀英", idNumber: "440781195803120027", phone: PHONE },
      },
    });
    await recordCaseEvent(deps, "t", e);
    const [c] = await deps.database.db
      .select({ applicantId: cases.applicantId })
      .from(cases)
      .where(eq(cases.serialNo, e.case.serialNo));
    await requestOtp(deps, c!.applicantId, "10.0.0.1");
    await waitFor(
      () => Promise.resolve(s.gateway.received.length === 1),
      "the code at the gateway",
      10_000,
    );
    const { code } = s.gateway.received[0]!.params as { code: string };
    expect(await verifyOtp(deps, c!.applicantId, code)).toEqual({
      applicantId: c!.applicantId,
      proof: "otp",
    });
  });
});

describe("SMS settings (a wrong one stops the start with one sentence naming it)", () => {
  const base = {
    SMS_HTTP_URL: "https://sms.example.gov.cn/send",
    SMS_HTTP_SECRET: newWebhookSecret(),
  };
  const aliyun = {
    SMS_ALIYUN_ACCESS_KEY_ID: "LTAI5t",
    SMS_ALIYUN_ACCESS_KEY_SECRET: "secret",
    SMS_ALIYUN_SIGN_NAME: "台山好差评",
    SMS_ALIYUN_TEMPLATES: JSON.stringify(ALIYUN_TEMPLATES),
  };
  const refusal = (env: Record<string, string>) => {
    try {
      parseSmsSettings(env);
    } catch (e) {
      return (e as Error).message;
    }
    return "accepted";
  };

  test.each([
    [
      { SMS_PROVIDER: "yunpian" },
      'Invalid setting SMS_PROVIDER: unknown provider "yunpian" (use http, aliyun or tencent, or two of them comma-separated)',
    ],
    [
      { SMS_PROVIDER: "outbox,http", ...base },
      "Invalid setting SMS_PROVIDER: outbox cannot be combined with a provider",
    ],
    [
      { SMS_PROVIDER: "http,http", ...base },
      "Invalid setting SMS_PROVIDER: names a provider twice",
    ],
    [
      { SMS_PROVIDER: "http" },
      "Invalid setting SMS_HTTP_URL: must be set for the SMS provider named in SMS_PROVIDER",
    ],
    [
      { SMS_PROVIDER: "http", SMS_HTTP_URL: base.SMS_HTTP_URL, SMS_HTTP_SECRET: "plain" },
      "Invalid setting SMS_HTTP_SECRET: must be in the whsec_… form",
    ],
    [
      { SMS_PROVIDER: "aliyun", ...aliyun, SMS_ALIYUN_ACCESS_KEY_SECRET: "" },
      "Invalid setting SMS_ALIYUN_ACCESS_KEY_SECRET: must be set for the SMS provider named in SMS_PROVIDER",
    ],
    [
      { SMS_PROVIDER: "aliyun", ...aliyun, SMS_ALIYUN_TEMPLATES: '{"otp":"SMS_1"}' },
      "Invalid setting SMS_ALIYUN_TEMPLATES: has no template id for reminder, task, supervise",
    ],
    [
      { SMS_PROVIDER: "aliyun", ...aliyun, SMS_ALIYUN_TEMPLATES: "otp=SMS_1" },
      expect.stringMatching(/^Invalid setting SMS_ALIYUN_TEMPLATES: is not JSON/) as string,
    ],
    [
      {
        SMS_PROVIDER: "aliyun",
        ...aliyun,
        SMS_ALIYUN_TEMPLATES: '{"otp":"SMS_1","hello":"SMS_2"}',
      },
      expect.stringContaining('unknown template "hello"') as string,
    ],
    [
      { SMS_PROVIDER: "http,tencent", ...base },
      "Invalid setting SMS_TENCENT_SDK_APP_ID: must be set for the SMS provider named in SMS_PROVIDER",
    ],
  ])("%o → %s", (env, message) => {
    expect(refusal(env)).toEqual(message);
  });

  test("a good setting names the providers in order, with the platforms' own hosts by default", () => {
    const s = parseSmsSettings({ SMS_PROVIDER: "aliyun, http", ...aliyun, ...base });
    expect(s.mode).toBe("providers");
    const providers = (s as { providers: ProviderConfig[] }).providers;
    expect(providers.map((p) => p.name)).toEqual(["aliyun", "http"]);
    expect(providers[0]).toMatchObject({
      endpoint: { host: "dysmsapi.aliyuncs.com", protocol: "https" },
      templates: ALIYUN_TEMPLATES,
    });
    expect(parseSmsSettings({})).toEqual({ mode: "outbox" });
    expect(parseSmsSettings({ SMS_PROVIDER: "none" })).toEqual({ mode: "none" });
  });
});
