import { expect, test } from "vitest";

import {
  appAndBrowser,
  choose,
  codeFor,
  completedCase,
  phone,
  proveByOtp,
  shot,
  stagesOf,
  state,
} from "./fixtures";
import { decodeSvgQr } from "./qr";

const app = appAndBrowser();

test("a batch of three is rated once through the page and all three are stored (article 20)", async () => {
  const batchNo = `PC-${Date.now().toString(36)}`;
  const applicant = { name: "谭伟强", idNumber: "440781198103030011", phone: "13500001111" };
  const serials: string[] = [];
  for (let i = 0; i < 3; i++)
    serials.push((await completedCase(app.server.url, { batchNo, applicant })).serialNo);
  const url = await decodeSvgQr(app.browser, (await codeFor(app.server.url, { batchNo })).svg);

  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(url);
  expect(await state(page)).toBe("open");
  await expect.poll(() => page.getByText("共 3 件").count()).toBe(1);
  await proveByOtp(page, app.server.url, applicant.phone);
  await choose(page, "总体评价", "非常满意");
  await shot(page, "batch-open");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect.poll(() => state(page)).toBe("receipt");
  for (const serialNo of serials)
    expect(await stagesOf(app.server.url, serialNo)).toContain("completion:rated");
  await context.close();
});
