import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { EXPORT_HEADER } from "../../server/stats/stats.export";
import type { TStatsAnswer, TStatsRow } from "../../server/stats/stats.schema";
import { DEMO_KEYS } from "../constants";
import { startApp } from "./backends";
import { v1 } from "./v1-client";

const errorShape = {
  error: { code: expect.any(String) as string, message: expect.any(String) as string },
};
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const monthStart = `${today.slice(0, 8)}01`;

describe("v1 stats over HTTP", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let stats: ReturnType<typeof v1>;
  beforeAll(async () => {
    app = await startApp("file");
    stats = v1(app.server.url, DEMO_KEYS.stats);
    const hotline = v1(app.server.url, DEMO_KEYS.hotline);
    const levels = ["very_satisfied", "satisfied", "unsatisfied", "very_satisfied", "basic"];
    for (const [i, level] of levels.entries()) {
      const res = await hotline.post("/api/v1/hotline/ratings", {
        callId: `stats-call-${Date.now()}-${i}`,
        occurredAt: new Date().toISOString(),
        operatorNo: i % 2 ? "H0002" : "H0001",
        channel: i % 2 ? "sms" : "phone",
        level,
        ...(level === "unsatisfied" ? { text: "等了很久" } : {}),
        caller: { phone: "13800138000" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
  afterAll(async () => app?.stop());

  test("the demo stats key reads the figures; rates with 4 decimals; other keys are refused", async () => {
    const res = await stats.get(`/api/v1/stats?from=${monthStart}&to=${today}&groupBy=staff`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as unknown as TStatsAnswer;
    expect(body.rows.map((r) => [r.key, r.ratings])).toEqual([
      ["H0001", 3],
      ["H0002", 2],
    ]);
    expect(body.totals).toMatchObject({
      ratings: 5,
      active: 5,
      defaults: 0,
      goodRate: 0.8,
      badRate: 0.2,
      activeRate: 1,
      average: 7.4,
      workOrders: { opened: 1 },
    });
    for (const [key, status] of [
      [null, 401],
      [DEMO_KEYS.intake, 403],
      [DEMO_KEYS.hotline, 403],
    ] as const) {
      const refused = await v1(app.server.url, key).get(
        `/api/v1/stats?from=${monthStart}&to=${today}&groupBy=org`,
      );
      expect(refused).toEqual({ status, body: errorShape });
    }
  });

  test("bad queries are 400 in the error shape", async () => {
    for (const q of [
      "from=2026-03-01&to=2026-03-31&groupBy=town",
      "from=2026-03-31&to=2026-03-01&groupBy=org",
      "from=2025-01-01&to=2026-03-01&groupBy=org",
      "from=2026-03-01&groupBy=org",
      "from=2026-03-01&to=2026-03-31&groupBy=org&org=999999",
      "from=2026-03-01&to=2026-03-31&groupBy=item&item=NOPE",
      "from=2026-03-01&to=2026-03-31&groupBy=window&window=W99",
    ]) {
      for (const path of ["/api/v1/stats", "/api/v1/stats/export"]) {
        const res = await stats.get(`${path}?${q}`);
        expect(res, `${path}?${q}`).toEqual({ status: 400, body: errorShape });
      }
    }
  });

  test("the xlsx export read back with exceljs equals the API, for every grouping", async () => {
    for (const groupBy of ["org", "staff", "channel", "day"]) {
      const q = `from=${monthStart}&to=${today}&groupBy=${groupBy}`;
      const api = (await stats.get(`/api/v1/stats?${q}`)).body as unknown as TStatsAnswer;
      const res = await fetch(`${app.server.url}/api/v1/stats/export?${q}`, {
        headers: { authorization: `Bearer ${DEMO_KEYS.stats}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.worksheets[0]!;
      const rows = sheet
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1));
      expect(rows[0]).toEqual([...EXPORT_HEADER]);
      const asCells = (r: TStatsRow, key = r.key, name = r.name) =>
        [
          key,
          name,
          r.ratings,
          r.active,
          r.defaults,
          r.levels.very_satisfied,
          r.levels.satisfied,
          r.levels.basic,
          r.levels.unsatisfied,
          r.levels.very_unsatisfied,
          r.average,
          r.averageActive,
          r.goodRate,
          r.badRate,
          r.activeRate,
          r.workOrders.opened,
          r.workOrders.closed,
          r.workOrders.closedOnTime,
          r.workOrders.overdue,
        ].map((v) => (v === null ? undefined : v));
      const trim = (cells: unknown[]) => {
        const out = [...cells];
        while (out.length && out[out.length - 1] === undefined) out.pop();
        return out;
      };
      expect(rows.slice(1).map((r) => trim(r))).toEqual([
        ...api.rows.map((r) => trim(asCells(r))),
        trim(asCells(api.totals, "合计", "合计")),
      ]);
      expect(sheet.getCell("M2").numFmt).toBe("0.00%");
    }
  });

  test("the OpenAPI document describes both endpoints", async () => {
    const doc = (await stats.get("/api/v1/openapi.json")).body as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/stats", "/api/v1/stats/export"]),
    );
  });
});
