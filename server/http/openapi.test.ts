import { describe, expect, test } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document (SPEC §6 additions)", () => {
  test("describes the work-order webhook with its type, and the case's work orders", () => {
    const doc = openApiDocument("http://hcp.test") as unknown as {
      webhooks: Record<string, { post: unknown }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.webhooks)).toEqual(expect.arrayContaining(["work_order.created", "work_order.reopened", "feedback.created"]));
    expect(doc.components.schemas.WorkOrderReopened?.properties?.type).toEqual({ type: "string", const: "work_order.reopened" });
    expect(doc.components.schemas.FeedbackCreated?.properties?.type).toEqual({ type: "string", const: "feedback.created" });
    const created = doc.components.schemas.WorkOrderCreated;
    expect(created?.properties?.type).toEqual({ type: "string", const: "work_order.created" });
    expect(Object.keys(doc.components.schemas.CaseView?.properties ?? {})).toContain("workOrders");
    expect(doc.components.schemas.CaseWorkOrder?.properties?.status).toMatchObject({ enum: ["open", "visited", "rectified", "closed", "not_adopted"] });
  });
});
