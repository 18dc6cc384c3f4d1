import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { expect, test } from "vitest";

import { auditLog } from "@/db/schema";
import { callerFor } from "@/tests/admin-caller";
import { sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";
import { rateCase } from "@/tests/stats-fixtures";

import { assessmentWorkbookStream } from "./assessment.export";
import { assessmentTitle, DEFAULT_RULES } from "./assessment.rules";
import { ZAssessmentParams } from "./assessment.schema";
import { setRules } from "./assessment.service";

const fresh = perTestDeps();
const ok = { weights: { average: 0.5, onTime: 0.3, revisit: 0.2 }, deduction: 2 };

test("a bad rule is refused with a sentence naming the field and the reason; nothing changes; a good one is audited", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  const bureau = await callerFor(deps, "bureau");
  const refusals: [unknown, string][] = [
    [{ ...ok, weights: { ...ok.weights, average: 1.5 } }, "平均分权重不能大于 1"],
    [{ ...ok, weights: { ...ok.weights, onTime: -0.1 } }, "按时办结率权重不能小于 0"],
    [{ ...ok, weights: { ...ok.weights, revisit: null } }, "回访率权重必须是一个数"],
    [{ ...ok, deduction: 101 }, "每条属实差评扣分不能大于 100"],
    [
      { ...ok, weights: { average: 0.6, onTime: 0.3, revisit: 0.2 } },
      "三项权重之和必须等于 1，现在是 1.1",
    ],
  ];
  for (const [rules, sentence] of refusals) {
    // @ts-expect-error -- what a broken or hostile form might send
    await expect(bureau.assessment.setRules({ year: 2026, rules })).rejects.toThrow(sentence);
    // the service refuses it too, for any caller that skips the router
    await expect(
      // @ts-expect-error -- as above
      setRules({ deps, actor: { id: "x", name: "x" } }, { year: 2026, rules }),
    ).rejects.toMatchObject({
      code: "invalid",
      message: `考核规则：${sentence}`,
    });
  }
  await expect(bureau.assessment.setRules({ year: 1999, rules: ok })).rejects.toThrow(
    "年份不能早于 2020 年",
  );
  expect(await bureau.assessment.rules({ year: 2026 })).toEqual(DEFAULT_RULES);
  expect(await deps.database.db.$count(auditLog)).toBe(0);

  expect(await bureau.assessment.setRules({ year: 2026, rules: ok })).toEqual(ok);
  expect(await bureau.assessment.rules({ year: 2026 })).toEqual(ok);
  expect(await bureau.assessment.rules({ year: 2025 })).toEqual(DEFAULT_RULES);
  const [entry] = await deps.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.target, "setting:assessment.rules"));
  const bureauId = (await sessionOf(deps, "bureau")).accountId;
  expect(entry).toMatchObject({ action: "settings.change", actorId: bureauId });
  expect(JSON.parse(entry!.detail!)).toEqual({ before: {}, after: { "2026": ok } });
});

test("the export holds the page's ranking and the rules it was scored by; the URL's query is checked field by field", async () => {
  const { deps } = await fresh("2026-03-02T10:00:00+08:00");
  await rateCase(deps, {
    overall: "very_satisfied",
    attitude: "very_satisfied",
    orgCode: "440781101",
    itemCode: "ITEM-0101",
    windowCode: "W11",
    staffNo: "TS1101",
  });
  await rateCase(deps, {
    overall: "basic",
    attitude: "basic",
    orgCode: "440781102",
    itemCode: "ITEM-0201",
    windowCode: "W21",
    staffNo: "TS1201",
  });
  const bureau = await callerFor(deps, "bureau");
  await bureau.assessment.setRules({ year: 2026, rules: ok });
  const { rules, rows } = await bureau.assessment.results({ year: 2026, quarter: 1, by: "staff" });
  expect(rows.map((r) => [r.rank, r.key])).toEqual([
    [1, "TS1101"],
    [2, "TS1201"],
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(
    await new Response(
      assessmentWorkbookStream(
        assessmentTitle({ year: 2026, quarter: 1, by: "staff" }),
        rules,
        rows,
      ),
    ).arrayBuffer(),
  );
  const sheet = book.getWorksheet("考核结果")!;
  expect(sheet.rowCount).toBe(3);
  for (const [i, r] of rows.entries())
    expect(sheet.getRow(i + 2).values).toEqual([
      undefined,
      r.rank,
      r.key,
      r.name,
      r.score,
      r.average,
      r.ratings,
      r.opened,
      r.closedOnTime,
      r.revisited,
      r.confirmedBad,
    ]);
  expect(book.getWorksheet("考核规则")!.getCell("A1").value).toBe("2026年第一季度人员考核结果");
  expect(book.getWorksheet("考核规则")!.getRow(5).values).toEqual([
    undefined,
    "每条属实差评扣分",
    2,
  ]);

  expect(ZAssessmentParams.parse({ year: "2026" })).toEqual({ year: 2026, by: "org" });
  expect(ZAssessmentParams.parse({ year: "2026", quarter: "3", by: "staff" })).toEqual({
    year: 2026,
    quarter: 3,
    by: "staff",
  });
  expect(ZAssessmentParams.safeParse({ year: "26" }).error?.issues[0]).toMatchObject({
    path: ["year"],
    message: "年份应写成四位数字，如 2026",
  });
  expect(
    ZAssessmentParams.safeParse({ year: "2026", quarter: "5" }).error?.issues[0],
  ).toMatchObject({ path: ["quarter"], message: "季度只能是 1、2、3、4" });
  expect(ZAssessmentParams.safeParse({ year: "2026", by: "rater" }).error?.issues[0]?.path).toEqual(
    ["by"],
  );
  // only the bureau edits
  const taicheng = await callerFor(deps, "admin-440781101");
  await expect(
    taicheng.assessment.setRules({ year: 2026, rules: DEFAULT_RULES }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
});
