import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";

import { applicants, caseEvents, cases } from "@/db/schema";
import { databaseBytes, perTestDeps, withSuite } from "@/tests/db";
import { caseEvent } from "@/tests/factories";

import { getCaseView, recordCaseEvent } from "./cases.service";

const setup = perTestDeps();

describe("recordCaseEvent", () => {
  test("a window receipt opens the receipt stage; the decision opens completion", async () => {
    const { deps } = await setup();
    const received = caseEvent();
    const a = await recordCaseEvent(deps, "client", received);
    expect(a.status).toBe("received");
    expect(a.ratingStages).toEqual([
      {
        stage: "receipt",
        status: "open",
        opensAt: "2026-03-02T01:30:00.000Z",
        closesAt: "2026-03-09T16:00:00.000Z",
      },
      { stage: "completion", status: "pending" },
    ]);
    const b = await recordCaseEvent(
      deps,
      "client",
      caseEvent({
        type: "decided",
        decision: "approved",
        occurredAt: "2026-03-03T15:00:00+08:00",
        case: received.case,
      }),
    );
    expect(b.status).toBe("completed");
    expect(b.ratingStages[1]).toMatchObject({
      stage: "completion",
      status: "open",
      closesAt: "2026-03-10T16:00:00.000Z",
    });
    expect(
      (await getCaseView(deps.database.db, received.case.serialNo, deps.clock.now())).ratingStages,
    ).toEqual(b.ratingStages);
  });

  test("a replay answers the first answer and writes nothing; another body under the same id is a conflict", async () => {
    const { deps } = await setup();
    const e = caseEvent();
    const first = await recordCaseEvent(deps, "client", e);
    await recordCaseEvent(
      deps,
      "client",
      caseEvent({
        type: "decided",
        decision: "approved",
        case: e.case,
        occurredAt: "2026-03-02T10:00:00+08:00",
      }),
    );
    // key order does not make a body different
    const reordered = JSON.parse(
      JSON.stringify({ case: e.case, type: e.type, occurredAt: e.occurredAt, eventId: e.eventId }),
    ) as typeof e;
    expect(await recordCaseEvent(deps, "client", reordered)).toEqual(first);
    expect(await deps.database.db.$count(caseEvents, eq(caseEvents.eventId, e.eventId))).toBe(1);
    await expect(
      recordCaseEvent(deps, "client", { ...e, occurredAt: "2026-03-02T09:31:00+08:00" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  test("concurrent duplicates of one event store it once", async () => {
    const { deps } = await setup();
    const e = caseEvent();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => recordCaseEvent(deps, "client", e)),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await deps.database.db.$count(caseEvents, eq(caseEvents.eventId, e.eventId))).toBe(1);
    expect(await deps.database.db.$count(cases, eq(cases.serialNo, e.case.serialNo))).toBe(1);
  });

  test("unknown codes are refused and nothing is stored", async () => {
    const { deps } = await setup();
    for (const bad of [
      { itemCode: "ITEM-9999" },
      { orgCode: "000000" },
      { windowCode: "W99" },
      { staffNo: "XX0000" },
    ]) {
      const e = caseEvent({ case: bad });
      await expect(recordCaseEvent(deps, "client", e)).rejects.toMatchObject({ code: "invalid" });
      expect(await deps.database.db.$count(cases, eq(cases.serialNo, e.case.serialNo))).toBe(0);
    }
  });

  test("a case cannot change its channel or item", async () => {
    const { deps } = await setup();
    const e = caseEvent();
    await recordCaseEvent(deps, "client", e);
    await expect(
      recordCaseEvent(deps, "client", caseEvent({ case: { ...e.case, itemCode: "ITEM-0002" } })),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  test("terminal_finished is refused for a window case", async () => {
    const { deps } = await setup();
    await expect(
      recordCaseEvent(deps, "client", caseEvent({ type: "terminal_finished" })),
    ).rejects.toMatchObject({ code: "invalid" });
  });

  // the planted-PII check, under both HCP_CRYPTO suites (SPEC §8)
  test.each(["std", "gm"] as const)(
    "one applicant across cases; no plaintext PII in the database file or its WAL (%s)",
    async (suite) => {
      const made = await setup();
      const deps = withSuite(made.deps, suite);
      const a = caseEvent();
      const b = caseEvent({
        case: {
          applicant: {
            ...a.case.applicant,
            idNumber: ` ${a.case.applicant.idNumber.toLowerCase()} `,
          },
        },
      });
      await recordCaseEvent(deps, "client", a);
      await recordCaseEvent(deps, "client", b);
      expect(await deps.database.db.$count(applicants)).toBe(1);
      const raw = databaseBytes(made.file);
      for (const secret of [
        a.case.applicant.name,
        a.case.applicant.idNumber,
        a.case.applicant.phone,
      ]) {
        expect(raw.includes(Buffer.from(secret, "utf8"))).toBe(false);
      }
      const [stored] = await deps.database.db
        .select({ piiEnc: applicants.piiEnc })
        .from(applicants);
      expect(stored!.piiEnc!.slice(0, 3)).toBe(suite === "gm" ? "g1:" : "v1:");
    },
  );
});

describe("case events are append-only in the database itself", () => {
  test("an update or delete of a stored event is refused", async () => {
    const { deps } = await setup();
    const e = caseEvent();
    await recordCaseEvent(deps, "client", e);
    await expect(
      deps.database.write((tx) =>
        tx.update(caseEvents).set({ type: "decided" }).where(eq(caseEvents.eventId, e.eventId)),
      ),
    ).rejects.toThrow();
    await expect(
      deps.database.write((tx) => tx.delete(caseEvents).where(eq(caseEvents.eventId, e.eventId))),
    ).rejects.toThrow();
    expect(await deps.database.db.$count(caseEvents, eq(caseEvents.eventId, e.eventId))).toBe(1);
  });
});
