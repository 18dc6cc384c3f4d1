import ExcelJS from "exceljs";
import { expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { completedCase } from "@/tests/rating-fixtures";
import { rateCase } from "@/tests/stats-fixtures";

import { orgSubtree } from "../access/scope";
import { submitRating } from "../ratings/ratings.service";
import { ALL } from "../stats/stats.service";
import { reportWorkbookStream } from "./report.export";
import { reportFor } from "./report.service";

const fresh = perTestDeps();
const march = { from: "2026-03-01", to: "2026-03-31" };

test("the 通报: units ranked, most-bad items and tags, overdue work orders; scoped; its xlsx holds the same figures", async () => {
  const { deps, clock } = await fresh("2026-03-02T10:00:00+08:00");
  for (const overall of ["very_satisfied", "satisfied"] as const)
    await rateCase(deps, {
      overall,
      orgCode: "440781101",
      itemCode: "ITEM-0101",
      windowCode: "W11",
      staffNo: "TS1101",
    });
  await rateCase(deps, { overall: "very_satisfied" });
  for (let i = 0; i < 2; i++) {
    const c = await completedCase(deps, { case: { itemCode: "ITEM-0002" } });
    await submitRating(
      deps,
      { applicantId: c.applicantId, proof: "otp" },
      {
        token: c.token,
        submissionId: `bad-${i}`,
        stage: "completion",
        scores: [
          { indicatorCode: "overall", level: "unsatisfied", tagCodes: ["overall.unsatisfied.1"] },
        ],
      },
    );
  }
  clock.set("2026-03-31T12:00:00+08:00"); // past the two work orders' 10 working days

  const report = await reportFor({ deps, scope: ALL }, march);
  expect(report.units.map((u) => [u.rank, u.key, u.ratings, u.average])).toEqual([
    [1, "440781101", 2, 9],
    [2, "440781", 3, 5.33],
  ]);
  expect(report.badItems).toEqual([
    { code: "ITEM-0002", name: "食品经营许可证核发", bad: 2, ratings: 2 },
  ]);
  expect(report.badTags).toMatchObject([{ code: "overall.unsatisfied.1", count: 2 }]);
  expect(report.badTags[0]!.text.length).toBeGreaterThan(2);
  expect(report.overdue).toHaveLength(2);
  expect(report.overdue[0]).toMatchObject({ org: "台山市", status: "open" });

  const taicheng = await reportFor(
    {
      deps,
      scope: {
        all: false,
        orgIds: await orgSubtree(
          deps.database.db,
          (await deps.database.db.query.orgs.findFirst({
            where: (o, { eq }) => eq(o.code, "440781101"),
          }))!.id,
        ),
      },
    },
    march,
  );
  expect(taicheng.units.map((u) => u.key)).toEqual(["440781101"]);
  expect([taicheng.badItems, taicheng.badTags, taicheng.overdue]).toEqual([[], [], []]);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await new Response(reportWorkbookStream(report)).arrayBuffer());
  expect(book.worksheets.map((s) => s.name)).toEqual([
    "单位排名",
    "差评较多事项",
    "差评标签",
    "逾期工单",
    "重开工单",
    "申诉处理",
  ]);
  const units = book.getWorksheet("单位排名")!;
  expect(units.getRow(2).values).toEqual([
    undefined,
    1,
    "台城街道",
    "440781101",
    2,
    2,
    9,
    9,
    1,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
  ]);
  expect(book.getWorksheet("逾期工单")!.rowCount).toBe(3);
});
