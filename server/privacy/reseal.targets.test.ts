import { getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { expect, test } from "vitest";

import * as schema from "@/db/schema";
import { perTestDeps } from "@/tests/db";

import { DERIVED, sealedTables } from "./reseal.targets";

const fresh = perTestDeps();

test("the migration finds every sealed column of the schema (each *Enc field) and every table whose digests it remakes", async () => {
  const { deps } = await fresh();
  const found = await sealedTables(deps.database.db);
  const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable =>
    is(t, SQLiteTable),
  );
  const declared = tables.flatMap((t) =>
    Object.entries(getTableColumns(t))
      .filter(([field]) => field.endsWith("Enc"))
      .map(([, c]) => `${getTableName(t)}.${c.name}`),
  );
  expect(found.flatMap((t) => t.sealed.map((c) => `${t.table}.${c}`)).sort()).toEqual(
    declared.sort(),
  );
  expect(declared).toEqual(
    expect.arrayContaining([
      "applicants.pii_enc",
      "applicants.id_number_enc",
      "case_events.payload_enc",
      "signing_keys.private_jwk_enc",
    ]),
  );
  for (const table of Object.keys(DERIVED))
    expect(found.find((t) => t.table === table)?.derived, table).toBeDefined();
});
