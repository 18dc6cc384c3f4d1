import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { copyTemplateDb } from "../db";
import { caseEvent } from "../factories";
import { type RunningServer, startNext, startServer } from "../http-server";
import { freePort } from "../net";
import { startAliyun, startTencent } from "../sms-standins";
import { v1 } from "./v1-client";

const TEMPLATES = {
  aliyun: {
    otp: "SMS_300000001",
    reminder: "SMS_300000002",
    task: "SMS_300000003",
    supervise: "SMS_300000004",
  },
  tencent: { otp: "3000001", reminder: "3000002", task: "3000003", supervise: "3000004" },
};

/**
 * The built server with the platforms' official SDKs (SPEC §6): 腾讯云 first, 阿里云 when it
 * fails, each a stand-in on 127.0.0.1. What the bundler makes of the SDKs is what runs here.
 */
describe("SMS through the platforms' SDKs in the running server", () => {
  let server: RunningServer;
  let aliyun: Awaited<ReturnType<typeof startAliyun>>;
  let tencent: Awaited<ReturnType<typeof startTencent>>;
  const dbFile = copyTemplateDb();
  const settings = () => ({
    SMS_PROVIDER: "tencent,aliyun",
    SMS_TENCENT_SECRET_ID: "AKID-http-test",
    SMS_TENCENT_SECRET_KEY: "tencent-http-secret",
    SMS_TENCENT_SDK_APP_ID: "1400000002",
    SMS_TENCENT_SIGN_NAME: "台山好差评",
    SMS_TENCENT_TEMPLATES: JSON.stringify(TEMPLATES.tencent),
    SMS_TENCENT_ENDPOINT: tencent.origin,
    SMS_ALIYUN_ACCESS_KEY_ID: "LTAI-http-test",
    SMS_ALIYUN_ACCESS_KEY_SECRET: "aliyun-http-secret",
    SMS_ALIYUN_SIGN_NAME: "台山好差评",
    SMS_ALIYUN_TEMPLATES: JSON.stringify(TEMPLATES.aliyun),
    SMS_ALIYUN_ENDPOINT: aliyun.origin,
    SMS_TIMEOUT_MS: "2000",
  });
  beforeAll(async () => {
    [aliyun, tencent] = await Promise.all([
      startAliyun("LTAI-http-test", "aliyun-http-secret"),
      startTencent("AKID-http-test", "tencent-http-secret"),
    ]);
    server = await startServer({
      databaseUrl: `file:${dbFile}`,
      env: { ...settings(), LOG_LEVEL: "info" },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await aliyun?.stop();
    await tencent?.stop();
  });

  /** A case of this phone's, its printed code, and 获取验证码 on its rating page. */
  async function sendCode(phone: string, idNumber: string) {
    const e = caseEvent({
      occurredAt: new Date().toISOString(),
      case: {
        channel: "online_pc",
        applicant: { type: "person", name: "甄秀兰", idNumber, phone },
      },
    });
    expect((await v1(server.url).post("/api/v1/case-events", e)).status).toBe(200);
    const qr = await v1(server.url).post("/api/v1/qr-codes", {
      serialNo: e.case.serialNo,
      kind: "static",
    });
    const res = await fetch(`${server.url}/api/trpc/identity.sendCode`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: qr.body.token }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { result: { data: { maskedPhone: string; ticket: string } } };
  }

  const arrived = async <R extends { to: string }>(standIn: { received: R[] }, to: string) => {
    const until = Date.now() + 15_000;
    while (!standIn.received.some((r) => r.to.endsWith(to))) {
      if (Date.now() > until) throw new Error(`no SMS for ${to} at the stand-in`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return standIn.received.find((r) => r.to.endsWith(to))!;
  };

  test("a code goes out through 腾讯云 at once, signed as its SDK signs, the template id and code in order", async () => {
    const sent = await sendCode("13822240001", "440781198501010012");
    expect(sent.result.data.maskedPhone).toBe("138****0001");
    const got = await arrived(tencent, "13822240001");
    expect(got).toMatchObject({
      verified: true,
      action: "SendSms@2021-01-11@1400000002",
      to: "+8613822240001",
      template: "3000001",
      signName: "台山好差评",
    });
    expect(got.params).toEqual([expect.stringMatching(/^\d{6}$/)]);
    expect(aliyun.received).toEqual([]);
  });

  test("腾讯云 failing for its own fault hands the code to 阿里云 at once", async () => {
    tencent.next.push({ code: "InternalError.Timeout" });
    await sendCode("13822240002", "440781198602020018");
    const got = await arrived(aliyun, "13822240002");
    expect(got).toMatchObject({
      verified: true,
      action: "SendSms@2017-05-25",
      to: "13822240002",
      template: "SMS_300000001",
      signName: "台山好差评",
    });
    expect(got.params).toEqual({ code: expect.stringMatching(/^\d{6}$/) as string });
  });

  test("npm run sms:test sends one test message through each configured provider and says what each answered", async () => {
    tencent.next.push({ code: "FailedOperation.TemplateIncorrectOrUnapproved" });
    // spawned, not run synchronously: the stand-ins answer from this process
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=react-server",
        "scripts/sms-test.ts",
        "--to",
        "13822240003",
      ],
      {
        // a clean checkout has no demo key file: the script reads the settings a city would set
        env: { ...process.env, ...settings(), HCP_DATA_KEY: "B".repeat(43) + "=" },
      },
    );
    const r = { stdout: "", stderr: "", status: null as number | null };
    child.stdout.on("data", (d: Buffer) => (r.stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (r.stderr += d.toString()));
    r.status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(r.stdout, r.stderr).toContain("to 138****0003");
    expect(r.stdout).toContain("tencent: refused (FailedOperation.TemplateIncorrectOrUnapproved)");
    expect(r.stdout).toMatch(/aliyun: accepted/);
    expect(r.stdout + r.stderr).not.toContain("13822240003");
    expect(r.status).toBe(1);
  });

  test("the phones are in neither the server's log nor the database files", async () => {
    await server.stop();
    const out = server.output();
    const files = [dbFile, `${dbFile}-wal`].filter(existsSync).map((f) => readFileSync(f));
    for (const phone of ["13822240001", "13822240002"]) {
      expect(out).not.toContain(phone);
      for (const bytes of files) expect(bytes.includes(phone)).toBe(false);
    }
    expect(out).not.toMatch(/at .*\.js:\d+/);
  });

  test("a bad setting stops the start with one sentence naming it", async () => {
    const port = await freePort();
    const start = startNext(port, {
      DATABASE_URL: `file:${copyTemplateDb()}`,
      HCP_DATA_KEY: "A".repeat(43) + "=",
      SMS_PROVIDER: "aliyun",
      SMS_ALIYUN_ACCESS_KEY_ID: "x",
    });
    await expect(start).rejects.toThrow(
      /Invalid setting SMS_ALIYUN_ACCESS_KEY_SECRET: must be set for the SMS provider named in SMS_PROVIDER/,
    );
  });
});
