import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";

import { copyTemplateDb } from "../tests/db";
import { type RunningServer, startServer } from "../tests/http-server";
import { startHttpGateway } from "../tests/sms-standins";
import { newWebhookSecret } from "../tests/webhook-receiver";
import { launch, phone, ratableCase, shot, state, watchErrors } from "./fixtures";

/**
 * Real name with a real SMS provider (SPEC §6): the app started with SMS_PROVIDER=http sends the
 * code to the city's gateway (a stand-in on 127.0.0.1 that checks the Standard Webhooks
 * signature), and the code the gateway got is what the citizen types.
 */
let server: RunningServer;
let browser: Browser;
let gateway: Awaited<ReturnType<typeof startHttpGateway>>;
let context: BrowserContext | undefined;
const dbFile = copyTemplateDb();

beforeAll(async () => {
  const secret = newWebhookSecret();
  gateway = await startHttpGateway(secret);
  [server, browser] = await Promise.all([
    startServer({
      databaseUrl: `file:${dbFile}`,
      // no job timer: the failed code of one test is not retried behind the next test's back
      env: {
        SMS_PROVIDER: "http",
        SMS_HTTP_URL: gateway.url,
        SMS_HTTP_SECRET: secret,
        SMS_TIMEOUT_MS: "2000",
        JOBS_INTERVAL_S: "0",
      },
    }),
    launch(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await gateway?.stop();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function openProof(person: { name: string; idNumber: string; phone: string }) {
  const c = await ratableCase(server.url, person);
  context = await phone(browser, { serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(c.url);
  expect(await state(page)).toBe("open");
  return { page, c };
}

test("获取验证码 reaches the city's gateway at once; the code it got proves real name; the demo's /api/dev/sms is off", async () => {
  const { page } = await openProof({
    name: "伍美玲",
    idNumber: "440781198001010026",
    phone: "13822230001",
  });
  const errors = watchErrors(page);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect
    .poll(() => gateway.received.filter((r) => r.to === "13822230001").length, { timeout: 10_000 })
    .toBe(1);
  const sms = gateway.received.find((r) => r.to === "13822230001")!;
  expect(sms).toMatchObject({ verified: true, template: "otp" });
  expect(sms.text).toContain((sms.params as { code: string }).code);
  await expect.poll(() => page.getByText("验证码已发送").count()).toBe(1);
  await page.getByLabel("验证码", { exact: true }).fill((sms.params as { code: string }).code);
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await page.getByRole("group", { name: "总体评价" }).waitFor();
  expect(await page.locator("main").getByRole("alert").count()).toBe(0);
  expect((await fetch(`${server.url}/api/dev/sms?phone=13822230001`)).status).toBe(404);
  expect(errors).toEqual([]);
});

test("a code the gateway refuses is told to the citizen at once, in plain words, with a way on", async () => {
  const { page } = await openProof({
    name: "伍志坚",
    idNumber: "440781198102020017",
    phone: "13822230002",
  });
  gateway.next.push({ status: 400 });
  await page.getByRole("button", { name: "获取验证码" }).click();
  const alert = page.locator("main").getByRole("alert");
  await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain("验证码短信没能发出");
  expect(await alert.textContent()).toContain("窗口工作人员");
  await shot(page, "r-code-failed");
});

test("a code not sent within 30 s says so instead of leaving the citizen waiting (the page's clock moved)", async () => {
  const { page } = await openProof({
    name: "伍嘉欣",
    idNumber: "440781198203030028",
    phone: "13822230003",
  });
  await page.clock.install();
  // the gateway is down: the message waits for its retry, and the page waits on it
  gateway.next.push({ status: 503 });
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect
    .poll(() => gateway.received.filter((r) => r.to === "13822230003").length, { timeout: 10_000 })
    .toBe(1);
  // the gateway has the message before the page has the server's answer: wait for the page too
  await expect.poll(() => page.getByText("验证码已发送").count(), { timeout: 10_000 }).toBe(1);
  await page.clock.fastForward(31_000);
  await expect
    .poll(() => page.locator("main").getByRole("alert").textContent(), { timeout: 10_000 })
    .toContain("30 秒内还没有发出");
  expect(await page.getByText("验证码已发送").count()).toBe(0);
  await page.clock.fastForward(5_000);
  await shot(page, "r-code-late");
});

test("the bureau's 发件箱 names the platform that delivered each SMS and the gateway's last 24 h (1280×800 and 390×844)", async () => {
  // signed in once (argon2 takes its time): the phone-sized desk reuses the session
  let signedIn: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    context = await browser.newContext({ viewport, locale: "zh-CN", storageState: signedIn });
    const page = await context.newPage();
    const errors = watchErrors(page);
    if (!signedIn) {
      await page.goto(`${server.url}/admin`);
      await page.getByLabel("账号").fill("bureau");
      await page.getByLabel("密码").fill("demo-bureau");
      await page.getByRole("button", { name: "登录" }).click();
      await expect.poll(() => state(page)).toBe("overview");
      signedIn = await context.storageState();
    }
    await page.goto(`${server.url}/admin/manage/outbox?status=all&channel=sms`);
    const health = page.getByRole("region", { name: "短信平台（近 24 小时）" });
    // the earlier tests' codes: one accepted, one refused, one failed (its retry not yet due)
    const gatewayRow = health.getByRole("row").filter({ hasText: "本市短信网关" });
    expect(await gatewayRow.getByRole("cell").allTextContents()).toEqual([
      "本市短信网关",
      "3",
      "1",
      "1",
      "1",
      "33.3%",
    ]);
    expect(
      await page
        .getByRole("row")
        .filter({ hasText: "otp:" })
        .filter({ hasText: "已送达" })
        .getByRole("cell", { name: "本市短信网关" })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole("row")
        .filter({ hasText: "otp:" })
        .filter({ hasText: "失败" })
        .getByText("http: HTTP 400")
        .count(),
    ).toBe(1);
    await shot(page, `admin-outbox-sms-${viewport.width}`);
    expect(errors).toEqual([]);
    await context.close();
    context = undefined;
  }
});
