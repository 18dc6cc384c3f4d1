import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { expect, test } from "vitest";

import { orgs, workOrders } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { adminCtxAs, PNG_BYTES, ratedCase, SERVICE_BAD } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import { decideAppeal, fileAppeal } from "../appeals/appeals.service";
import { recordWorkOrderResult } from "../hotline/hotline.service";
import { shanghaiDate } from "../time/shanghai";
import { rateFix } from "../workorders/fix.service";
import { reportWorkbookStream } from "./report.export";

const fresh = perTestDeps();
const march = { from: "2026-03-01", to: "2026-03-31" };

test("the 通报 lists the orders reopened by a 不满意 fix rating and counts the appeals decided; scoped; in the xlsx too", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  const bad = await ratedCase(deps, [
    { indicatorCode: "overall", level: "unsatisfied", tagCodes: [], text: "等了两个小时" },
  ]);
  const [wo] = await deps.database.db
    .select()
    .from(workOrders)
    .where(eq(workOrders.ratingId, bad.ratingId));
  await recordWorkOrderResult(deps, "hotline", wo!.id, {
    resultId: "r-1",
    occurredAt: "2026-03-05T10:00:00+08:00",
    status: "closed",
    verified: true,
    text: "已整改",
  });
  clock.set("2026-03-09T15:00:00+08:00");
  await rateFix(deps, [bad.applicantId], { workOrderId: wo!.id, level: "unsatisfied" });

  const [admin, bureauSession] = [
    await adminCtxAs(deps, "admin-440781"),
    await adminCtxAs(deps, "bureau"),
  ];
  for (const outcome of ["adopted", "rejected", "rejected"] as const) {
    const r = await ratedCase(deps, SERVICE_BAD);
    const { appealId } = await fileAppeal(
      admin,
      { ratingId: r.ratingId, indicatorCodes: ["svc.attitude"], reason: "录像显示态度正常" },
      [{ name: "截图.png", bytes: PNG_BYTES }],
    );
    await decideAppeal(bureauSession, { appealId, outcome, reason: "经核实" });
  }

  const bureau = await callerFor(deps, "bureau");
  const report = await bureau.reports.report(march);
  const [after] = await deps.database.db.select().from(workOrders).where(eq(workOrders.id, wo!.id));
  const [org] = await deps.database.db
    .select({ name: orgs.name })
    .from(orgs)
    .where(eq(orgs.id, wo!.orgId!));
  expect(report.reopened).toEqual([
    {
      id: wo!.id,
      serialNo: bad.serialNo,
      org: org!.name,
      reopenedAt: Date.parse("2026-03-09T15:00:00+08:00"),
      dueAt: after!.dueAt,
      status: "open",
    },
  ]);
  expect(report.reopened[0]!.dueAt).toBeGreaterThan(Date.parse("2026-03-20T00:00:00+08:00"));
  expect(report.appealsDecided).toEqual({ adopted: 1, rejected: 2 });
  expect(report.generatedAt).toBe(deps.clock.now());
  // another month: nothing reopened, nothing decided
  expect(await bureau.reports.report({ from: "2026-02-01", to: "2026-02-28" })).toMatchObject({
    reopened: [],
    appealsDecided: { adopted: 0, rejected: 0 },
  });

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await new Response(reportWorkbookStream(report)).arrayBuffer());
  expect(book.getWorksheet("重开工单")!.getRow(2).values).toEqual([
    undefined,
    wo!.id,
    org!.name,
    bad.serialNo,
    "2026-03-09",
    shanghaiDate(after!.dueAt - 1),
    "待处理",
  ]);
  expect([2, 3].map((i) => book.getWorksheet("申诉处理")!.getRow(i).values)).toEqual([
    [undefined, "采纳", 1],
    [undefined, "驳回", 2],
  ]);
});

test("only the bureau gets a 通报; a bad period is a bad request whose sentence names the field", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  await expect(
    (await callerFor(deps, "admin-440781101")).reports.report(march),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect((await callerFor(deps, "TS1101")).reports.report(march)).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
  const bureau = await callerFor(deps, "bureau");
  await expect(
    bureau.reports.report({ from: "2026-03-31", to: "2026-03-01" }),
  ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  // the caller carries zod's issues; over HTTP the error formatter sends the first one's sentence
  await expect(bureau.reports.report({ from: "2026-03-31", to: "2026-03-01" })).rejects.toThrow(
    "开始日期不能晚于结束日期",
  );
  await expect(bureau.reports.report({ from: "2025-01-01", to: "2026-03-01" })).rejects.toThrow(
    "统计期共 425 天，最长 366 天",
  );
  await expect(bureau.reports.report({ from: "2026-02-30", to: "2026-03-01" })).rejects.toThrow(
    "开始日期必须是真实的日期（年-月-日）",
  );
  // a period without ratings is an empty 通报, not an error
  expect(await bureau.reports.report(march)).toMatchObject({
    ...march,
    units: [],
    badItems: [],
    totals: { ratings: 0 },
  });
});
