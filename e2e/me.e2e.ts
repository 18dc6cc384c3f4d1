import { createClient } from "@libsql/client";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { v1 } from "../tests/api/v1-client";
import { DEMO_KEYS } from "../tests/constants";
import { copyTemplateDb } from "../tests/db";
import { caseEvent } from "../tests/factories";
import { type RunningServer, startServer } from "../tests/http-server";
import { newWebhookSecret, startWebhookReceiver } from "../tests/webhook-receiver";
import {
  a11yViolations,
  choose,
  codeFor,
  completedCase,
  enterOtp,
  launch,
  ONLINE,
  type Person,
  phone,
  photograph,
  state,
  watchErrors,
} from "./fixtures";

// the built app with 12345's webhook pointing at a real receiver, and the jobs on a one-second timer
const app = {} as {
  server: RunningServer;
  browser: Browser;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  dbFile: string;
  idp: CryptoKey;
};
const ISSUER = "https://idp.gd.gov.example";
beforeAll(async () => {
  const secret = newWebhookSecret();
  // the provincial app's identity provider: its public keys inline, as OIDC_JWKS allows
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  app.idp = privateKey;
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: "gd-1", alg: "ES256" }],
  });
  app.receiver = await startWebhookReceiver(secret);
  app.dbFile = copyTemplateDb();
  [app.server, app.browser] = await Promise.all([
    startServer({
      databaseUrl: `file:${app.dbFile}`,
      env: {
        HOTLINE_WEBHOOK_URL: app.receiver.url,
        HOTLINE_WEBHOOK_SECRET: secret,
        JOBS_INTERVAL_S: "1",
        OIDC_ISSUER: ISSUER,
        OIDC_CLIENT_ID: "taishan-haochaping",
        OIDC_JWKS: jwks,
      },
    }),
    launch(),
  ]);
});
afterAll(async () => {
  await app.browser?.close();
  await app.server?.stop();
  await app.receiver?.stop();
});

const LOCALES = ["zh-CN", "zh-TW", "en"] as const;
const received = (type: string) =>
  [...app.receiver.processed.values()].filter(
    (b) => (b as { type: string }).type === type,
  ) as Record<string, unknown>[];

async function workOrderOf(serialNo: string): Promise<string> {
  const db = createClient({ url: `file:${app.dbFile}` });
  try {
    const rows = await db.execute({
      sql: "select w.id from work_orders w join cases c on c.id = w.case_id where c.serial_no = ?",
      args: [serialNo],
    });
    return rows.rows[0]?.id as string;
  } finally {
    db.close();
  }
}

/** /me sign-in as a person does it: 手机号, 获取验证码, the SMS from the demo outbox into 验证码, 验证. */
async function signInAtMe(page: Page, phoneNo: string) {
  await page.goto(`${app.server.url}/me`);
  expect(await state(page)).toBe("sign_in");
  await page.getByLabel("手机号").fill(phoneNo);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect.poll(() => page.getByText("验证码已经发出").count()).toBe(1);
  const sms = (await (await fetch(`${app.server.url}/api/dev/sms?phone=${phoneNo}`)).json()) as {
    messages: { text: string }[];
  };
  await page
    .getByLabel("验证码", { exact: true })
    .fill(/(\d{6})/.exec(sms.messages[0]?.text ?? "")?.[1] ?? "");
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await expect.poll(() => state(page)).toBe("me");
}

/** In every language at 390×844: photographed for a person to look at, axe clean; at 360 px in large type nothing scrolls sideways. */
async function everyLanguage(page: Page, name: string, expected: string) {
  for (const locale of LOCALES) {
    await page.context().addCookies([{ name: "hcp_lang", value: locale, url: app.server.url }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await state(page)).toBe(expected);
    await page.evaluate(() =>
      document
        .querySelectorAll("main details")
        .forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    await photograph(page, `${name}-390-${locale}`);
    expect(await a11yViolations(page), `${name} ${locale}`).toEqual([]);
    await page.context().addCookies([{ name: "hcp_text", value: "large", url: app.server.url }]);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await page.evaluate(() =>
      document
        .querySelectorAll("main details")
        .forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      `${name} ${locale} at 360 px`,
    ).toBeLessThanOrEqual(360);
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          "main button, main a, main summary, main select, main label:has(input[type=radio]), main label:has(input[type=checkbox])",
        ),
      ]
        .map((el) => ({ text: el.textContent?.slice(0, 20), h: el.getBoundingClientRect().height }))
        .filter((t) => t.h < 48),
    );
    expect(small, `${name} ${locale} touch targets`).toEqual([]);
    await photograph(page, `${name}-360-large-${locale}`);
    await page.context().clearCookies({ name: "hcp_text" });
  }
  await page.context().addCookies([{ name: "hcp_lang", value: "zh-CN", url: app.server.url }]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
}

test("/me: sign in, rate from the list, append a 差评, follow 12345's results on the timeline, rate the fix 不满意 and see work_order.reopened arrive", async () => {
  const huang: Person = { name: "黄秀英", idNumber: "440781195803120027", phone: "13600007001" };
  const first = await completedCase(app.server.url, { ...ONLINE, applicant: huang });
  const context = await phone(app.browser);
  const page = await context.newPage();
  const errors = watchErrors(page);

  await signInAtMe(page, huang.phone);
  expect(await page.getByText("已登录：136****7001").count()).toBe(1);
  const toRate = page.getByRole("region", { name: "待评价" });
  expect(await toRate.getByText(first.serialNo).count()).toBe(1);
  // nothing on the page names the person in full
  expect(await page.locator("main").textContent()).not.toContain(huang.name);
  await everyLanguage(page, "me-list", "me");

  // 去评价: straight to the rating page, already proven (no second SMS)
  await toRate.getByRole("link", { name: new RegExp(`去评价.*${first.serialNo}`) }).click();
  await expect.poll(() => state(page)).toBe("open");
  expect(await page.getByRole("button", { name: "获取验证码" }).count()).toBe(0);
  await choose(page, "总体评价", "非常满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("rated");
  const ratingUrl = page.url();

  // 已评价 with 追加评价: an appended 不满意 on a stage rated well opens a work order
  await page.goto(`${app.server.url}/me`);
  const rated = page.getByRole("region", { name: "已评价" });
  expect(await rated.getByText(first.serialNo).count()).toBe(1);
  expect(await page.getByRole("region", { name: "待评价" }).getByText(first.serialNo).count()).toBe(
    0,
  );
  await rated.getByText("追加评价（每项评价可以追加一次）").click();
  await rated
    .getByLabel("追加的内容（最多 500 字）")
    .fill("证件寄错了地址，打了三次电话都说再等等");
  await rated.getByLabel("重新选择满意程度（选填）").selectOption({ label: "不满意" });
  await rated.getByRole("button", { name: "提交追加评价" }).click();
  // the page reloads with the appended words in place of the form
  await expect
    .poll(() => rated.getByRole("button", { name: "提交追加评价" }).count(), { timeout: 10_000 })
    .toBe(0);
  expect(await page.locator("main").getByRole("alert").count()).toBe(0);
  expect(await rated.getByText("证件寄错了地址").count()).toBe(1);
  const orders = page.getByRole("region", { name: "我的差评" });
  expect(await orders.getByText(first.serialNo).count()).toBe(1);
  expect(await orders.getByText("差评工单已生成").count()).toBe(1);

  // the rating page shows it as appended, beside the first rating
  await page.goto(ratingUrl);
  const appended = page.getByRole("group", { name: "追加评价" });
  expect(await appended.getByText("不满意").count()).toBe(1);
  expect(await appended.getByText("证件寄错了地址").count()).toBe(1);

  // 12345 receives the order, revisits and closes it; the rater sees each step
  const workOrderId = await workOrderOf(first.serialNo);
  await expect
    .poll(() => received("work_order.created").map((b) => b.workOrderId), { timeout: 15_000 })
    .toContain(workOrderId);
  const hotline = v1(app.server.url, DEMO_KEYS.hotline);
  const result = (resultId: string, status: string, text: string) =>
    hotline.post(`/api/v1/hotline/work-orders/${workOrderId}/results`, {
      resultId,
      occurredAt: new Date().toISOString(),
      status,
      verified: true,
      text,
    });
  expect(
    (await result(`${workOrderId}-v`, "visited", "已电话回访黄女士（13600007001），情况属实"))
      .status,
  ).toBe(200);
  expect((await result(`${workOrderId}-c`, "closed", "已重新寄送证件并致歉")).status).toBe(200);
  await page.goto(`${app.server.url}/me`);
  const timeline = orders.getByRole("region", { name: "处理进展" });
  await expect.poll(() => timeline.getByText("已转 12345 热线").count()).toBe(1);
  expect(await timeline.getByText("回访情况").count()).toBe(1);
  expect(await timeline.getByText("136****7001").count()).toBe(1);
  expect(await timeline.getByText("13600007001").count()).toBe(0);
  expect(await timeline.getByText("工单办结").count()).toBe(1);
  expect(await orders.getByText("已办结").count()).toBeGreaterThan(0);
  await everyLanguage(page, "me-fix", "me");

  // 评价整改结果 不满意: reopened, a new deadline, and the webhook at 12345's receiver
  const fix = orders.getByRole("form", { name: "评价整改结果" });
  await fix.getByRole("radio", { name: "不满意" }).check();
  await fix.getByRole("button", { name: "提交整改评价" }).click();
  await expect.poll(() => orders.getByText("您评价了整改结果：不满意").count()).toBe(1);
  expect(await orders.getByText("待处理").count()).toBe(1);
  expect(await orders.getByText(/处理期限：/).count()).toBe(1);
  expect(await orders.getByRole("form", { name: "评价整改结果" }).count()).toBe(0);
  await expect.poll(() => received("work_order.reopened").length, { timeout: 15_000 }).toBe(1);
  expect(received("work_order.reopened")[0]).toMatchObject({
    workOrderId,
    status: "open",
    fixRating: { level: "unsatisfied", reopened: true },
    appended: { level: "unsatisfied" },
  });
  await photograph(page, "me-reopened");
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);

test("a second person's session never lists the first one's cases, nor opens them", async () => {
  const first: Person = { name: "关美玲", idNumber: "440781197203030028", phone: "13600007101" };
  const second: Person = { name: "甄志强", idNumber: "440781198108080019", phone: "13600007102" };
  const a = await completedCase(app.server.url, { ...ONLINE, applicant: first });
  const b = await completedCase(app.server.url, { ...ONLINE, applicant: second });
  const context = await phone(app.browser);
  const page = await context.newPage();
  await signInAtMe(page, second.phone);
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain(b.serialNo);
  expect(text).not.toContain(a.serialNo);
  // a link to the first person's case leads back to the list, never to the rating page
  await page.goto(`${app.server.url}/me/rate/${a.serialNo}`);
  expect(new URL(page.url()).pathname).toBe("/me");
  expect(await state(page)).toBe("me");
  expect((await context.cookies()).map((c) => c.name)).not.toContain("hcp_rater");
  // and a person whose phone has no case here sees an empty list, told the same as anyone else
  const stranger = await phone(app.browser);
  const other = await stranger.newPage();
  await other.goto(`${app.server.url}/me`);
  await other.getByLabel("手机号").fill("13600007199");
  await other.getByRole("button", { name: "获取验证码" }).click();
  await expect.poll(() => other.getByText("验证码已经发出").count()).toBe(1);
  await everyLanguage(other, "me-sign-in", "sign_in");
  await stranger.close();
  await context.close();
}, 180_000);

test("意见反馈 from a failed-receipt code: real name by SMS, then a text to 12345 as feedback.created; the page says it is not a rating", async () => {
  const person: Person = { name: "司徒建华", idNumber: "440781196612120031", phone: "13600007201" };
  const at = new Date(Date.now() - 60_000).toISOString();
  const received1 = caseEvent({
    occurredAt: at,
    case: { applicant: { type: "person", ...person } },
  });
  expect((await v1(app.server.url).post("/api/v1/case-events", received1)).status).toBe(200);
  expect(
    (
      await v1(app.server.url).post(
        "/api/v1/case-events",
        caseEvent({ type: "receipt_failed", occurredAt: at, case: received1.case }),
      )
    ).status,
  ).toBe(200);
  const code = await codeFor(app.server.url, { serialNo: received1.case.serialNo });
  const context = await phone(app.browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(code.url);
  expect(await state(page)).toBe("not_open");
  const section = page.getByRole("region", { name: "意见反馈" });
  expect(await section.getByText("这不是“好差评”评价").count()).toBe(1);
  expect(await section.getByText("不计入任何评价统计").count()).toBe(1);
  expect(await page.getByRole("button", { name: "提交评价" }).count()).toBe(0);
  await everyLanguage(page, "feedback-proof", "not_open");

  await enterOtp(page, app.server.url, person.phone);
  const box = section.getByLabel("您的意见（最多 500 字）");
  await box.waitFor();
  await everyLanguage(page, "feedback-form", "not_open");
  await box.fill("材料都带齐了，窗口说系统不能收，让我下周再来");
  await section.getByRole("checkbox", { name: "同意 12345 热线通过登记的手机与我联系" }).check();
  await section.getByRole("button", { name: "提交意见" }).click();
  await expect.poll(() => section.getByText("您的意见已转给 12345 热线").count()).toBe(1);
  await expect.poll(() => received("feedback.created").length, { timeout: 15_000 }).toBe(1);
  expect(received("feedback.created")[0]).toMatchObject({
    text: "材料都带齐了，窗口说系统不能收，让我下周再来",
    case: { serialNo: received1.case.serialNo, status: "receipt_failed" },
    person: { maskedName: "司**华", phone: person.phone },
  });
  // not a rating: the case has none, and its stages stay not_open
  const stages = (await v1(app.server.url).get(`/api/v1/cases/${received1.case.serialNo}`)).body
    .ratingStages as { status: string }[];
  expect(stages.every((s) => s.status === "not_open")).toBe(true);
  await page.reload();
  expect(await section.getByText("您的意见已转给 12345 热线").count()).toBe(1);
  await everyLanguage(page, "feedback-sent", "not_open");
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);

test("/me inside the provincial app: its id_token (in the page's fragment) signs in, and the list is that ID number's cases", async () => {
  const person: Person = { name: "伍丽娟", idNumber: "440781197707070026", phone: "13600007301" };
  const mine = await completedCase(app.server.url, { ...ONLINE, applicant: person });
  const idToken = await new SignJWT({ id_number: person.idNumber })
    .setProtectedHeader({ alg: "ES256", kid: "gd-1" })
    .setIssuer(ISSUER)
    .setAudience("taishan-haochaping")
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(app.idp);
  const context = await phone(app.browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${app.server.url}/me#id_token=${idToken}`);
  await expect.poll(() => state(page)).toBe("me");
  expect(await page.getByText("已登录：440781********0026").count()).toBe(1);
  expect(await page.getByRole("region", { name: "待评价" }).getByText(mine.serialNo).count()).toBe(
    1,
  );
  // the token leaves the address bar at once
  expect(page.url()).not.toContain("id_token");
  expect(errors).toEqual([]);
  await context.close();
});
