import type { Page } from "playwright-core";
import { expect, test } from "vitest";

import {
  appAndBrowser,
  codeFor,
  completedCase,
  enrol,
  phone,
  proveByOtp,
  shot,
  signInAs,
  state,
  watchErrors,
} from "./fixtures";

const app = appAndBrowser();

/** Every CSP violation the page reports (the DOM event) and every console line about one. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(m.text()))
      seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction("__cspViolation", (s: string) => seen.push(`violation: ${s}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (s: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return seen;
}

test("the nonce CSP blocks nothing of ours: home, rating page (proof, form, service worker), staff desk, admin, window screen, terminal", async () => {
  const person = {
    type: "person",
    name: "黄秀英",
    idNumber: "440781199001011234",
    phone: "13800138123",
  } as const;
  const { serialNo } = await completedCase(app.server.url, {
    windowCode: "W01",
    staffNo: "TS0001",
    applicant: person,
  });
  const code = await codeFor(app.server.url, { serialNo });

  const context = await phone(app.browser);
  const page = await context.newPage();
  const violations = await watchCsp(page);
  const errors = watchErrors(page);

  await page.goto(`${app.server.url}/`);
  await page.goto(code.url.replace(/^https?:\/\/[^/]+/, app.server.url));
  await proveByOtp(page, app.server.url, person.phone);
  // the rating page registers the service worker: wait until it controls the page
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), {
      timeout: 20_000,
    })
    .toBe(true);
  await shot(page, "csp-rating-page");

  const staff = await context.newPage();
  const staffViolations = await watchCsp(staff);
  await staff.goto(`${app.server.url}/staff`);
  await signInAs(staff, "TS0001", "demo-staff");
  await expect.poll(() => state(staff)).toBe("desk");

  const admin = await (
    await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  const adminViolations = await watchCsp(admin);
  await admin.goto(`${app.server.url}/admin`);
  await admin.getByLabel("账号").fill("admin-440781");
  await admin.getByLabel("密码").fill("demo-admin");
  await admin.getByRole("button", { name: "登录" }).click();
  await expect.poll(() => state(admin)).toBe("overview");
  await admin.goto(`${app.server.url}/admin/work-orders`);

  const screen = await (
    await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  const screenViolations = await watchCsp(screen);
  await enrol(screen, `${app.server.url}/window/W01`, "TS0001", "demo-staff");
  const kiosk = await (
    await app.browser.newContext({ viewport: { width: 1080, height: 1920 } })
  ).newPage();
  const kioskViolations = await watchCsp(kiosk);
  await enrol(kiosk, `${app.server.url}/terminal/T01`, "TS0001", "demo-staff");
  // the screens refresh on a timer: a round of each, the window screen asking `device.screen`
  // (every 2.5 s) and the kiosk re-rendering its page (router.refresh, every 5 s)
  await Promise.all([
    screen.waitForResponse((r) => r.url().includes("device.screen"), { timeout: 20_000 }),
    kiosk.waitForResponse(
      (r) => r.url().includes("/terminal/T01") && r.request().headers().rsc === "1",
      { timeout: 20_000 },
    ),
  ]);

  expect([
    ...violations,
    ...staffViolations,
    ...adminViolations,
    ...screenViolations,
    ...kioskViolations,
  ]).toEqual([]);
  expect(errors).toEqual([]);
  // the control: something the policy forbids is reported by the same watch
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img alt="" src="https://evil.example/x.png">'),
  );
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations.join()).toContain("img-src");
  await context.close();
}, 90_000);
