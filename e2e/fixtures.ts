import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { AxeResults, RunOptions } from "axe-core";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  devices,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

import type { TCaseEvent } from "../server/cases/cases.schema";
import { v1 } from "../tests/api/v1-client";
import { copyTemplateDb } from "../tests/db";
import { caseEvent } from "../tests/factories";
import { type RunningServer, startServer } from "../tests/http-server";

export const CHROMIUM = "/usr/bin/chromium";
/** Chromium must not phone home: there is no network here but loopback */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium whose every new context reads 简体 first, as the city's phones do; a test about another language says so. */
export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ locale: "zh-CN", ...options });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options = {}) => newPage({ locale: "zh-CN", ...options });
  return browser;
}

/** A mid-range Android phone at the size the design targets (390×844). */
export async function phone(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    ...options,
  });
}

/** Collects console errors and failed requests; a test fails if the page logged any. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** WCAG 2.2 AA as axe-core checks it; returns the violations, described for a failure message. */
export async function a11yViolations(page: Page): Promise<string[]> {
  // a client refresh re-renders the head: judge the settled page, not the moment between (seen once after an appeal decision)
  await page.waitForFunction(() => document.title !== "", undefined, { timeout: 5000 });
  const result = page.frames().length > 1 ? await withFrames(page) : await inPlace(page);
  return result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * A page without frames (all of this app's): axe-core put in once per document and run there.
 * AxeBuilder injects it afresh on every check and finishes in a blank page of its own: 1.4–3 s
 * a check here against 0.1–0.7 s, with the same results.
 */
async function inPlace(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource());
  return page.evaluate(
    (values) =>
      (window as unknown as { axe: Axe }).axe.run(document, { runOnly: { type: "tag", values } }),
    WCAG_22_AA,
  );
}
type Axe = { run(context: Document, options: RunOptions): Promise<AxeResults> };

/**
 * axe-core's minified build, the same checker as its `source` (the unminified one): 0.65 MB
 * instead of 1.48 MB to parse in every document it is put in, ~60 ms less a check.
 */
let axeMin: string | undefined;
const axeSource = () =>
  (axeMin ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));

/** A page with frames: AxeBuilder, which checks inside each of them too. */
async function withFrames(page: Page): Promise<AxeResults> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  return new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
}

/**
 * For a browser test file: the built app on a fresh copy of the demo database (with `env` added to
 * the server's environment), and Chromium;
 * both started before the file's tests and stopped after them. Read the fields inside tests.
 */
export function appAndBrowser(env?: Record<string, string>): {
  server: RunningServer;
  browser: Browser;
  dbFile: string;
} {
  const ctx = { dbFile: copyTemplateDb() } as {
    server: RunningServer;
    browser: Browser;
    dbFile: string;
  };
  beforeAll(async () => {
    [ctx.server, ctx.browser] = await Promise.all([
      startServer({ databaseUrl: `file:${ctx.dbFile}`, ...(env ? { env } : {}) }),
      launch(),
    ]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/**
 * The real-name step as a rater does it: 获取验证码, read the SMS from the demo outbox, type it
 * into 验证码, press 验证, and wait for the rating form.
 */
export async function proveByOtp(page: Page, serverUrl: string, phoneNo: string): Promise<void> {
  await enterOtp(page, serverUrl, phoneNo);
  await page
    .getByRole("group", { name: "总体评价" })
    .or(page.getByRole("group", { name: "服务态度" }))
    .first()
    .waitFor();
}

/** The real-name step up to pressing 验证 (what follows is the caller's to wait for). */
export async function enterOtp(page: Page, serverUrl: string, phoneNo: string): Promise<void> {
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect.poll(() => page.getByText("验证码已发送").count()).toBe(1);
  const sms = (await (await fetch(`${serverUrl}/api/dev/sms?phone=${phoneNo}`)).json()) as {
    messages: { text: string }[];
  };
  await page
    .getByLabel("验证码", { exact: true })
    .fill(/(\d{6})/.exec(sms.messages[0]?.text ?? "")?.[1] ?? "");
  await page.getByRole("button", { name: "验证", exact: true }).click();
}

/** A 非常满意 submitted straight to the server with the page's own cookies; answers the HTTP status. */
export function submitFromPage(page: Page, token: string, submissionId: string): Promise<number> {
  return page.evaluate(
    async ({ token, submissionId }) => {
      const res = await fetch("/api/trpc/ratings.submit", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token,
          submissionId,
          stage: "completion",
          scores: [{ indicatorCode: "overall", level: "very_satisfied", tagCodes: [] }],
        }),
      });
      return res.status;
    },
    { token, submissionId },
  );
}

/** An admin signs in at /admin with 账号 and 密码 and lands on 概览 (a busy 2-core machine may take its time). */
export async function signInAtAdmin(
  page: Page,
  serverUrl: string,
  login: string,
  password: string,
): Promise<void> {
  await page.goto(`${serverUrl}/admin`);
  expect(await state(page)).toBe("sign_in");
  await page.getByLabel("账号").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect.poll(() => state(page), { timeout: 20_000 }).toBe("overview");
}

/** Staff type 工号 and 密码 and press the button: 登录 at /staff, 登记本设备 on a screen or kiosk. */
export async function signInAs(
  page: Page,
  login: string,
  password: string,
  button: "登录" | "登记本设备" = "登录",
): Promise<void> {
  await page.getByLabel("工号").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: button }).click();
}

/** Opens a window screen or terminal (`/window/W01`, `/terminal/T01`) not enrolled yet, and enrols it as the given staff member. */
export async function enrol(
  page: Page,
  url: string,
  login: string,
  password: string,
): Promise<void> {
  await page.goto(url);
  expect(await state(page)).toBe("enrol");
  await signInAs(page, login, password, "登记本设备");
  await expect.poll(() => state(page)).not.toBe("enrol");
}

/** The page's state (SPEC §7): its `<main>`'s data-state. */
export const state = (page: Page) => page.locator("main").getAttribute("data-state");

/** Chooses a level in the group named after an indicator (the radios are drawn as big labels, so forced). */
export const choose = (scope: Page | Locator, indicator: string, level: string) =>
  scope
    .getByRole("group", { name: indicator })
    .getByRole("radio", { name: level, exact: true })
    .check({ force: true });

/**
 * Photographed for a person to look at (.tmp/screenshots, not committed): at CSS pixels, since no
 * test decodes these; a phone context's 2.625 device pixels per CSS pixel made each one seven times
 * the pixels to paint, encode and write, one of the browser tests' biggest costs.
 */
export async function photograph(
  page: Page,
  name: string,
  { fullPage = true } = {},
): Promise<void> {
  mkdirSync(".tmp/screenshots", { recursive: true });
  await page.screenshot({ path: `.tmp/screenshots/${name}.png`, fullPage, scale: "css" });
}

/** Photographed, and checked by axe. */
export async function shot(
  page: Page,
  name: string,
  options?: { fullPage?: boolean },
): Promise<void> {
  await photograph(page, name, options);
  expect(await a11yViolations(page), `accessibility of ${name}`).toEqual([]);
}

type Case = TCaseEvent["case"];
/** An applicant of a test's own: each needs its own phone, since one phone gets one code a minute. */
export interface Person {
  name: string;
  idNumber: string;
  phone: string;
}
/** An online case: no window, so no receipt stage (once its completion is rated, the page is `rated`). */
export const ONLINE = { channel: "online_pc", windowCode: undefined, staffNo: undefined } as const;

/**
 * A case finished a minute ago, reported over the v1 API as a business system does: received, then
 * decided (a terminal case: its terminal flow finished). By default 黄秀英's at window W01 with 李敏
 * (TS0001), both stages open; `o` overrides the case.
 */
export async function completedCase(
  serverUrl: string,
  o: Omit<Partial<Case>, "applicant"> & { applicant?: Person } = {},
): Promise<Case> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const { applicant, ...rest } = o;
  const received = caseEvent({
    occurredAt: at,
    case: { ...rest, ...(applicant ? { applicant: { type: "person", ...applicant } } : {}) },
  });
  const finished =
    received.case.channel === "terminal"
      ? ({ type: "terminal_finished" } as const)
      : ({ type: "decided", decision: "approved" } as const);
  for (const e of [received, caseEvent({ ...finished, occurredAt: at, case: received.case })])
    expect((await v1(serverUrl).post("/api/v1/case-events", e)).status).toBe(200);
  return received.case;
}

/** A case's, batch's or theme's code: as printed (static), or as W01's screen shows it for 李敏 (dynamic). */
export async function codeFor(
  serverUrl: string,
  subject: { serialNo: string } | { batchNo: string } | { themeNo: string },
  kind: "static" | "dynamic" = "static",
) {
  const qr = await v1(serverUrl).post("/api/v1/qr-codes", {
    ...subject,
    kind,
    ...(kind === "dynamic" ? { windowCode: "W01", staffNo: "TS0001" } : {}),
  });
  expect(qr.status).toBe(200);
  return { url: qr.body.url as string, token: qr.body.token as string, svg: qr.body.svg as string };
}

/** An online case completed a minute ago for its own applicant, and its printed code: what the PWA tests rate. */
export async function ratableCase(serverUrl: string, applicant: Person) {
  const c = await completedCase(serverUrl, { ...ONLINE, applicant });
  return {
    ...(await codeFor(serverUrl, { serialNo: c.serialNo })),
    serialNo: c.serialNo,
    phone: applicant.phone,
  };
}

/** A case's rating stages as the v1 API reports them: `["receipt:open", "completion:rated"]`. */
export async function stagesOf(serverUrl: string, serialNo: string): Promise<string[]> {
  const stages = (await v1(serverUrl).get(`/api/v1/cases/${serialNo}`)).body.ratingStages as {
    stage: string;
    status: string;
  }[];
  return stages.map((s) => `${s.stage}:${s.status}`);
}
