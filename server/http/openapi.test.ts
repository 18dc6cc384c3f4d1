import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, inject, test } from "vitest";

import { openApiDocument } from "./openapi";

describe("the OpenAPI document (SPEC §6 additions)", () => {
  test("describes the work-order webhook with its type, and the case's work orders", () => {
    const doc = openApiDocument("http://hcp.test") as unknown as {
      webhooks: Record<string, { post: unknown }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(["work_order.created", "work_order.reopened", "feedback.created"]),
    );
    expect(doc.components.schemas.WorkOrderReopened?.properties?.type).toEqual({
      type: "string",
      const: "work_order.reopened",
    });
    expect(doc.components.schemas.FeedbackCreated?.properties?.type).toEqual({
      type: "string",
      const: "feedback.created",
    });
    const created = doc.components.schemas.WorkOrderCreated;
    expect(created?.properties?.type).toEqual({ type: "string", const: "work_order.created" });
    expect(Object.keys(doc.components.schemas.CaseView?.properties ?? {})).toContain("workOrders");
    expect(doc.components.schemas.CaseWorkOrder?.properties?.status).toMatchObject({
      enum: ["open", "visited", "rectified", "closed", "not_adopted"],
    });
  });

  test("every operation and webhook has a stable operationId (generated clients' method names), and the document names its licence", () => {
    const doc = openApiDocument("http://hcp.test") as unknown as {
      info: { license?: { name: string } };
      paths: Record<string, Record<string, { operationId?: string }>>;
      webhooks: Record<string, { post: { operationId?: string } }>;
    };
    const ops = [
      ...Object.values(doc.paths).flatMap((p) => Object.values(p)),
      ...Object.values(doc.webhooks).map((w) => w.post),
    ];
    const ids = ops.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "postCaseEvent",
        "getCase",
        "postQrCode",
        "postHotlineRating",
        "getStats",
        "workOrderCreated",
      ]),
    );
    expect(doc.info.license?.name).toBe("CC0-1.0");
  });

  test("Redocly CLI (2.77, pinned) finds no error and no warning under its recommended rules", () => {
    const file = join(inject("runDir"), "openapi.json");
    writeFileSync(file, JSON.stringify(openApiDocument("https://hcp.example.gov.cn")));
    const lint = spawnSync(
      process.execPath,
      [
        "node_modules/@redocly/cli/bin/cli.js",
        "lint",
        "--extends",
        "recommended",
        "--format",
        "json",
        file,
      ],
      {
        encoding: "utf8",
        // nothing leaves this machine
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
    );
    const report = JSON.parse(lint.stdout) as {
      version: string;
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.version).toBe("2.77.0");
    expect(report.problems, JSON.stringify(report.problems, null, 1)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(lint.status).toBe(0);
  });
});
