import { eq } from "drizzle-orm";
import type { BrowserContext, Page, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, test } from "vitest";

import { type Database, openDatabase } from "../db/client";
import { cases } from "../db/schema";
import { systemClock } from "../server/clock";
import type { Deps } from "../server/deps";
import { deriveSessionKey } from "../server/deps";
import { SESSION_COOKIE, signSession } from "../server/identity/session";
import {
  appAndBrowser,
  choose,
  enterOtp,
  phone,
  proveByOtp,
  ratableCase,
  shot,
  state,
  watchErrors,
} from "./fixtures";
import { fireSync, keptCopy, notNetwork, queueSize, workerControls } from "./pwa";
import { storedRatings } from "./stored";

const app = appAndBrowser();
let database: Database;
beforeAll(async () => {
  database = await openDatabase(`file:${app.dbFile}`);
});
afterAll(() => database?.close());

let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** How many ratings the database holds for a case: "stored once" is 1, however often the phone sent it. */
const stored = async (serialNo: string) => (await storedRatings(app.dbFile, serialNo)).length;

/** Opens the case's page on a fresh phone, waits for its service worker (unless blocked), proves real name. */
async function provenPage(
  c: Awaited<ReturnType<typeof ratableCase>>,
  { worker = true } = {},
): Promise<{ page: Page; errors: string[] }> {
  context = await phone(app.browser, { serviceWorkers: worker ? "allow" : "block" });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(c.url);
  expect(await state(page)).toBe("open");
  if (worker) await workerControls(page);
  await proveByOtp(page, app.server.url, c.phone);
  return { page, errors };
}

/** Chooses 满意, cuts the network, presses 提交评价: the rating waits on the phone. */
async function submitOffline(page: Page): Promise<void> {
  await choose(page, "总体评价", "满意");
  await context!.setOffline(true);
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("queued");
}
const queuedNotice = (page: Page) =>
  page.getByRole("status").filter({ hasText: "已保存，联网后自动提交" });

// with the worker, its Background Sync and the page race to send (either may win; the server stores one);
// without it (blocked, as on an http:// address), the page sends it alone on `online`
test.each([
  {
    worker: true,
    applicant: { name: "甄丽华", idNumber: "440781197001010024", phone: "13822220001" },
  },
  {
    worker: false,
    applicant: { name: "甄国栋", idNumber: "440781197101010013", phone: "13822220006" },
  },
])(
  "offline after real name: the rating is queued on the phone, and sent once the network returns (worker: $worker)",
  async ({ worker, applicant }) => {
    const c = await ratableCase(app.server.url, applicant);
    const { page, errors } = await provenPage(c, { worker });
    await submitOffline(page);
    expect(await queuedNotice(page).count()).toBe(1);
    expect(await page.getByRole("button", { name: "提交评价" }).count()).toBe(0);
    expect(await queueSize(page)).toBe(1);
    expect(await stored(c.serialNo)).toBe(0);
    if (worker) await shot(page, "r-queued");

    await context!.setOffline(false);
    await expect.poll(() => state(page), { timeout: 15_000 }).toBe("rated");
    await expect.poll(() => page.getByText("谢谢您的评价").count()).toBe(1);
    expect(await stored(c.serialNo)).toBe(1);
    expect(await queueSize(page)).toBe(0);
    expect(notNetwork(errors)).toEqual([]);
  },
);

test("reload without network: the worker shows the kept page, the queued rating is found again and sent later", async () => {
  const c = await ratableCase(app.server.url, {
    name: "邝志明",
    idNumber: "440781196803030035",
    phone: "13822220002",
  });
  const { page, errors } = await provenPage(c);
  // after real name the worker keeps the page as it is now (the form, not the real-name step)
  // (markup, not words: every page carries its island's words, the real-name step's included)
  const keptForm = async () => {
    const html = (await keptCopy(page, c.url)) ?? "";
    return /<form[\s>]/.test(html) && !html.includes('id="proof-title"');
  };
  await expect.poll(keptForm).toBe(true);

  await context!.setOffline(true);
  await page.reload();
  await submitOffline(page);

  await page.reload();
  await expect.poll(() => state(page)).toBe("queued");
  expect(await queuedNotice(page).count()).toBe(1);
  expect(await stored(c.serialNo)).toBe(0);

  await context!.setOffline(false);
  await expect.poll(() => state(page), { timeout: 15_000 }).toBe("rated");
  expect(await stored(c.serialNo)).toBe(1);
  expect(await queueSize(page)).toBe(0);
  expect(notNetwork(errors)).toEqual([]);
});

// a phone can lose the server without ever saying it is offline (a dead signal, a captive portal; and a page
// reloaded without network read navigator.onLine true on Chromium 150): the page then hears no `online`, and
// the worker's Background Sync is what sends the rating — the page must learn it from the worker, not from its 30 s retry
test("the worker sends a queued rating while the page hears no `online`: the page says rated at once", async () => {
  const c = await ratableCase(app.server.url, {
    name: "甄志强",
    idNumber: "440781197904040030",
    phone: "13822220012",
  });
  const { page, errors } = await provenPage(c);
  // no answer for the page nor the worker, and no offline/online for the page (the context stays online)
  const noAnswer = (route: Route) => route.abort("internetdisconnected");
  await context!.route("**/api/trpc/ratings.submit", noAnswer);
  await choose(page, "总体评价", "满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("queued");
  expect(await queueSize(page)).toBe(1);

  await context!.unroute("**/api/trpc/ratings.submit", noAnswer);
  await fireSync(context!, page, app.server.url);
  await expect.poll(() => stored(c.serialNo), { timeout: 15_000 }).toBe(1);
  // the page's own next try is 30 s away: within 15, only the worker's word can have told it
  await expect.poll(() => state(page), { timeout: 15_000 }).toBe("rated");
  expect(await queueSize(page)).toBe(0);
  expect(await stored(c.serialNo)).toBe(1);
  expect(notNetwork(errors)).toEqual([]);
});

test("page closed while queued: reopening it with network sends the rating, once (the page alone, no worker)", async () => {
  const c = await ratableCase(app.server.url, {
    name: "伍少英",
    idNumber: "440781197505050046",
    phone: "13822220003",
  });
  // without a worker (blocked here; an http:// address in a hall has none) Background Sync cannot send it first
  const { page } = await provenPage(c, { worker: false });
  await submitOffline(page);
  await page.close();

  await context!.setOffline(false);
  const again = await context!.newPage();
  const errors = watchErrors(again);
  await again.goto(c.url);
  await expect.poll(() => state(again), { timeout: 15_000 }).toBe("rated");
  expect(await stored(c.serialNo)).toBe(1);
  expect(await queueSize(again)).toBe(0);
  expect(errors).toEqual([]);
});

test("a refusal is not the network: a 不满意 without a reason is answered at once and nothing is queued", async () => {
  const c = await ratableCase(app.server.url, {
    name: "李国华",
    idNumber: "440781198209090057",
    phone: "13822220004",
  });
  const { page } = await provenPage(c);
  await choose(page, "总体评价", "不满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect
    .poll(() => page.locator("main").getByRole("alert").textContent())
    .toContain("不满意原因");
  expect(await state(page)).toBe("open");
  expect(await queueSize(page)).toBe(0);
});

test("a queued rating the server refuses comes back to the form, answers kept, with the server's words", async () => {
  const c = await ratableCase(app.server.url, {
    name: "司徒慧",
    idNumber: "440781198808080091",
    phone: "13822220008",
  });
  const { page } = await provenPage(c, { worker: false });
  const overall = page.getByRole("group", { name: "总体评价" });
  await choose(page, "总体评价", "不满意");
  await context!.setOffline(true);
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("queued");

  await context!.setOffline(false);
  await expect
    .poll(() => page.locator("main").getByRole("alert").textContent(), { timeout: 15_000 })
    .toContain("不满意原因");
  expect(await state(page)).toBe("open");
  expect(await overall.getByRole("radio", { name: "不满意", exact: true }).isChecked()).toBe(true);
  expect(await queueSize(page)).toBe(0);
  await page.getByLabel("不满意原因").first().fill("窗口排队太久");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("rated");
  expect(await stored(c.serialNo)).toBe(1);
});

test("a queued rating refused later is told in the page's language, not in the server's Chinese", async () => {
  const c = await ratableCase(app.server.url, {
    name: "司徒明",
    idNumber: "440781198909090082",
    phone: "13822220010",
  });
  const { page } = await provenPage(c, { worker: false });
  // the rater switches the page to English after proving real name
  await context!.addCookies([{ name: "hcp_lang", value: "en", url: app.server.url }]);
  await page.reload();
  await choose(page, "Overall rating", "Dissatisfied");
  await context!.setOffline(true);
  await page.getByRole("button", { name: "Submit rating" }).click();
  await expect.poll(() => state(page)).toBe("queued");

  await context!.setOffline(false);
  await expect
    .poll(() => page.locator("main").getByRole("alert").textContent(), { timeout: 15_000 })
    .toBe(
      "When you choose “Dissatisfied” or “Very dissatisfied”, please choose a reason or write why.",
    );
  expect(await queueSize(page)).toBe(0);
});

test("page closed while queued: the worker sends the rating itself when Background Sync fires", async () => {
  const c = await ratableCase(app.server.url, {
    name: "黄耀祖",
    idNumber: "440781197707070079",
    phone: "13822220005",
  });
  const { page } = await provenPage(c);
  await submitOffline(page);
  await page.close();
  await context!.setOffline(false);

  // no rating page is open: the home page is only a handle to the worker
  const home = await context!.newPage();
  await home.goto(app.server.url);
  await fireSync(context!, home, app.server.url);
  await expect.poll(() => stored(c.serialNo), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => queueSize(home)).toBe(0);

  // reopening the page shows it rated; nothing is sent twice
  await home.goto(c.url);
  expect(await state(home)).toBe("rated");
  expect(await stored(c.serialNo)).toBe(1);
});

test("the real-name session ended while queued: the page asks to prove it again, then sends the rating", async () => {
  const c = await ratableCase(app.server.url, {
    name: "陈月娥",
    idNumber: "440781196202020082",
    phone: "13822220007",
  });
  // proven half an hour ago, say: the session is signed here, so that the one-time SMS code is free for the second proof
  const [row] = await database.db
    .select({ applicantId: cases.applicantId })
    .from(cases)
    .where(eq(cases.serialNo, c.serialNo));
  const deps = { clock: systemClock, sessionKey: deriveSessionKey(inject("dataKey")) } as Deps;
  context = await phone(app.browser);
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: await signSession(deps, { applicantId: row!.applicantId, proof: "otp" }),
      url: app.server.url,
      httpOnly: true,
    },
  ]);
  const page = await context.newPage();
  await page.goto(c.url);
  await workerControls(page);
  await submitOffline(page);

  await context.clearCookies({ name: SESSION_COOKIE });
  await context.setOffline(false);
  await expect
    .poll(() => page.getByText("身份验证已过期", { exact: false }).count(), { timeout: 15_000 })
    .toBe(1);
  expect(await state(page)).toBe("queued");
  expect(await queueSize(page)).toBe(1);
  expect(await stored(c.serialNo)).toBe(0);
  await shot(page, "r-queued-reprove");

  await enterOtp(page, app.server.url, c.phone);
  await expect.poll(() => state(page), { timeout: 15_000 }).toBe("rated");
  expect(await stored(c.serialNo)).toBe(1);
  expect(await queueSize(page)).toBe(0);
});

test("a queued rating whose answer was lost (the server has the stage rated) does not wait on the phone once the page says rated", async () => {
  const c = await ratableCase(app.server.url, {
    name: "伍志强",
    idNumber: "440781197606060057",
    phone: "13822220009",
  });
  const { page } = await provenPage(c, { worker: false });
  // the rating reaches the server, its answer never comes back: the phone keeps it
  await page.route("**/api/trpc/ratings.submit", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await choose(page, "总体评价", "满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("queued");
  expect(await stored(c.serialNo)).toBe(1);
  expect(await queueSize(page)).toBe(1);
  await page.close();

  const again = await context!.newPage();
  const errors = watchErrors(again);
  await again.goto(c.url);
  expect(await state(again)).toBe("rated");
  await expect.poll(() => queueSize(again)).toBe(0);
  expect(errors).toEqual([]);
});

test("a first submit that finds the server busy (503) waits on the phone like an offline one, and is sent", async () => {
  const c = await ratableCase(app.server.url, {
    name: "伍志明",
    idNumber: "440781197606060065",
    phone: "13822220011",
  });
  const { page } = await provenPage(c, { worker: false });
  await page.route(
    "**/api/trpc/ratings.submit",
    (route) => route.fulfill({ status: 503, body: "busy" }),
    { times: 1 },
  );
  await choose(page, "总体评价", "满意");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("queued");
  expect(await stored(c.serialNo)).toBe(0);

  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect.poll(() => state(page), { timeout: 15_000 }).toBe("rated");
  expect(await stored(c.serialNo)).toBe(1);
  expect(await queueSize(page)).toBe(0);
});
