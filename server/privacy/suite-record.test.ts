import { describe, expect, test } from "vitest";

import { settings } from "@/db/schema";
import { perTestDeps } from "@/tests/db";
import { caseEvent } from "@/tests/factories";

import { recordCaseEvent } from "../cases/cases.service";
import { EnvError } from "../env-error";
import { checkSuite, heldSuite, MIGRATION_KEY } from "./suite-record";

const setup = perTestDeps();

describe("the database records its suite (HCP_CRYPTO) and never mixes two", () => {
  test("a new database takes the suite of its first start; a start with the other one is refused by name", async () => {
    const { deps } = await setup();
    expect(await heldSuite(deps.database.db)).toBeNull();
    await checkSuite(deps.database, "gm");
    expect(await heldSuite(deps.database.db)).toBe("gm");
    await checkSuite(deps.database, "gm");
    const refusal = checkSuite(deps.database, "std");
    await expect(refusal).rejects.toThrow(EnvError);
    await expect(refusal).rejects.toThrow(
      /^Invalid setting HCP_CRYPTO: it is std, but this database holds values sealed under gm \(SM4.*crypto:migrate -- --to std/,
    );
  });

  test("a database with data from before the record holds std: gm is refused, std is recorded", async () => {
    const { deps } = await setup();
    await recordCaseEvent(deps, "client", caseEvent());
    expect(await heldSuite(deps.database.db)).toBe("std");
    await expect(checkSuite(deps.database, "gm")).rejects.toThrow(/holds values sealed under std/);
    await checkSuite(deps.database, "std");
    expect(await deps.database.db.select().from(settings)).toEqual([
      expect.objectContaining({ key: "crypto.suite", value: '"std"' }),
    ]);
  });

  test("a migration stopped half-way refuses every start until it is run again", async () => {
    const { deps } = await setup();
    await checkSuite(deps.database, "std");
    const marker = {
      from: "std",
      to: "gm",
      startedAt: 1,
      chainSeq: 0,
      chainOldHead: "0",
      chainNewHead: "0",
    };
    await deps.database.write((tx) =>
      tx.insert(settings).values({
        key: MIGRATION_KEY,
        value: JSON.stringify(marker),
        updatedAt: 1,
        updatedBy: "t",
      }),
    );
    for (const suite of ["std", "gm"] as const) {
      await expect(checkSuite(deps.database, suite)).rejects.toThrow(
        /half-way through `npm run crypto:migrate` from std to gm.*--to gm/,
      );
    }
  });
});
