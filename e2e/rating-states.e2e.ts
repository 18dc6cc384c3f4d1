import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "../db/client";
import { systemClock } from "../server/clock";
import { deriveSessionKey } from "../server/deps";
import { createPii } from "../server/privacy/pii";
import { issueCode, revokeCode } from "../server/qr/qr.service";
import { v1 } from "../tests/api/v1-client";
import { TEST_SETTINGS } from "../tests/db";
import { caseEvent, type EventOverrides } from "../tests/factories";
import {
  a11yViolations,
  appAndBrowser,
  choose,
  codeFor,
  ONLINE,
  phone,
  photograph,
  proveByOtp,
  shot,
  state,
} from "./fixtures";

const app = appAndBrowser();
const api = () => v1(app.server.url);
let database: Database;
beforeAll(async () => {
  database = await openDatabase(`file:${app.dbFile}`);
});
afterAll(() => database?.close());

const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
/** The code of a case that went through these events (their case fields merged onto the first one's). */
async function codeAfter(events: EventOverrides[], kind: "static" | "dynamic" = "static") {
  const first = caseEvent(events[0]);
  for (const o of events)
    expect(
      (
        await api().post(
          "/api/v1/case-events",
          caseEvent({ ...o, case: { ...first.case, ...o.case } }),
        )
      ).status,
    ).toBe(200);
  return {
    ...(await codeFor(app.server.url, { serialNo: first.case.serialNo }, kind)),
    serialNo: first.case.serialNo,
  };
}

async function look(url: string, name: string): Promise<{ page: Page; state: string | null }> {
  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(url);
  await photograph(page, `state-${name}`);
  const shown = await state(page);
  // the same state in each language the page speaks, each accessible
  for (const locale of ["zh-TW", "en", "zh-CN"]) {
    await page.context().addCookies([{ name: "hcp_lang", value: locale, url: app.server.url }]);
    await page.reload();
    expect(await state(page)).toBe(shown);
    expect(await a11yViolations(page), `accessibility of ${name} in ${locale}`).toEqual([]);
  }
  return { page, state: shown };
}

/** `look`, for a state whose page the test needs no further: its phone is put away at once. */
async function glance(url: string, name: string): Promise<string | null> {
  const { page, state: shown } = await look(url, name);
  await page.context().close();
  return shown;
}

test("every state of the rating page answers with a clear message (390×844)", async () => {
  const online = { case: ONLINE };
  const notCompleted = await codeAfter([{ ...online, occurredAt: ago(0.01) }]);
  expect(await glance(notCompleted.url, "not_completed")).toBe("not_completed");

  const receiptFailed = await codeAfter([{ type: "receipt_failed", occurredAt: ago(0.01) }]);
  const failed = await look(receiptFailed.url, "not_open");
  expect(failed.state).toBe("not_open");
  await expect.poll(() => failed.page.getByText("不开放评价").count()).toBe(1);
  await failed.page.context().close();

  const closed = await codeAfter([
    { ...online, occurredAt: ago(12) },
    { ...online, type: "decided", decision: "approved", occurredAt: ago(10) },
  ]);
  expect(await glance(closed.url, "window_closed")).toBe("window_closed");

  const receiptOnly = await codeAfter([{ occurredAt: ago(0.01) }]);
  expect(await glance(receiptOnly.url, "receipt")).toBe("receipt");

  const revoked = await codeAfter([
    { occurredAt: ago(0.01) },
    { type: "decided", decision: "approved", occurredAt: ago(0.005) },
  ]);
  const deps = {
    database,
    clock: systemClock,
    pii: createPii(inject("dataKey")),
    sessionKey: deriveSessionKey(inject("dataKey")),
    settings: TEST_SETTINGS,
  };
  await revokeCode(deps, { subject: { type: "case", value: revoked.serialNo } });
  expect(await glance(revoked.url, "revoked")).toBe("revoked");

  // a window code is single-use: the first phone proves with it, a second phone finds it spent
  // (the code as W01's enrolled screen shows it: a dynamic code minted over the API proves no one)
  const atW01 = await codeAfter([
    { occurredAt: ago(0.01) },
    { type: "decided", decision: "approved", occurredAt: ago(0.005) },
  ]);
  const shown = await issueCode(
    { ...deps, settings: { ...TEST_SETTINGS, publicUrl: app.server.url } },
    { serialNo: atW01.serialNo, kind: "dynamic", windowCode: "W01", staffNo: "TS0001" },
    { byScreen: true },
  );
  const dynamic = { url: shown.url };
  const first = await look(dynamic.url, "dynamic-open");
  expect(first.state).toBe("open");
  await first.page.getByRole("button", { name: "窗口已核验身份，开始评价" }).click();
  await first.page.getByRole("group", { name: "总体评价" }).waitFor();
  const second = await look(dynamic.url, "expired-used");
  expect(second.state).toBe("expired");
  await expect.poll(() => second.page.getByText("已经用过").count()).toBe(1);
  await second.page.context().close();
  // …while the first phone, proven, still rates with it
  await choose(first.page, "总体评价", "非常满意");
  await first.page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(first.page)).toBe("receipt");
  await first.page.context().close();
  // seven states, each in three languages with axe: 48–57 s on two idle cores, past the 60 s default once the machine is busy
}, 120_000);

test("large-type mode: the whole page grows, is remembered across visits, and stays accessible", async () => {
  const c = await codeAfter([
    { occurredAt: ago(0.01) },
    { type: "decided", decision: "approved", occurredAt: ago(0.005) },
  ]);
  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(c.url);
  const rootSize = () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await rootSize();
  const toggle = page.getByRole("button", { name: "大字" });
  expect(await toggle.getAttribute("aria-pressed")).toBe("false");
  await toggle.click();
  expect(await rootSize()).toBeCloseTo(normal * 1.25);
  await page.reload();
  expect(await rootSize()).toBeCloseTo(normal * 1.25);
  expect(await page.getByRole("button", { name: "大字" }).getAttribute("aria-pressed")).toBe(
    "true",
  );
  // nothing scrolls sideways on a 390-px phone, and touch targets stay at least 48 px
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const smallest = await page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll("main button, main label:has(input[type=radio])")].map(
        (el) => el.getBoundingClientRect().height,
      ),
    ),
  );
  expect(smallest).toBeGreaterThanOrEqual(48);
  await shot(page, "state-large-type");
  await context.close();
});

test("on a 360-px phone in large type, the whole open form fits in every language: no sideways scroll, touch targets of 48 px", async () => {
  const applicant = {
    type: "person" as const,
    name: "邝美华",
    idNumber: "440781196011110025",
    phone: "13600005555",
  };
  const c = await codeAfter([
    { occurredAt: ago(0.01), case: { applicant } },
    { type: "decided", decision: "approved", occurredAt: ago(0.005) },
  ]);
  const context = await phone(app.browser, { viewport: { width: 360, height: 740 } });
  await context.addCookies([{ name: "hcp_text", value: "large", url: app.server.url }]);
  const page = await context.newPage();
  await page.goto(c.url);
  await proveByOtp(page, app.server.url, applicant.phone);
  for (const locale of ["zh-CN", "zh-TW", "en"]) {
    await context.addCookies([{ name: "hcp_lang", value: locale, url: app.server.url }]);
    await page.reload();
    expect(await state(page)).toBe("open");
    // everything unfolded, and every question at 不满意 so each shows its reasons: the widest the form gets
    await page.evaluate(() =>
      document
        .querySelectorAll("main details")
        .forEach((d) => ((d as HTMLDetailsElement).open = true)),
    );
    for (const radio of await page.locator('main input[type=radio][value="unsatisfied"]').all())
      await radio.check({ force: true });
    const questions = await page.locator('main input[type=radio][value="unsatisfied"]').count();
    expect(questions).toBeGreaterThanOrEqual(12);
    await expect.poll(() => page.locator("main textarea").count()).toBe(questions);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      locale,
    ).toBeLessThanOrEqual(360);
    const targets = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          "main button, main label:has(input[type=radio]), main label:has(input[type=checkbox]), main summary",
        ),
      ].map((el) => ({
        text: el.textContent?.slice(0, 20),
        height: el.getBoundingClientRect().height,
        width: el.getBoundingClientRect().width,
      })),
    );
    expect(
      targets.filter((t) => t.height < 48 || t.width < 48),
      locale,
    ).toEqual([]);
    expect(await a11yViolations(page), locale).toEqual([]);
    await photograph(page, `open-360-large-${locale}`);
  }
  await context.close();
});
