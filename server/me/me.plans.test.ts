import { expect, test } from "vitest";

import { perTestDeps } from "@/tests/db";
import { plansOf } from "@/tests/query-plans";
import { completedCase } from "@/tests/rating-fixtures";

import { myApplicantIds } from "./me.scope";

const fresh = perTestDeps();

test("/me finds a person by ID number on the unique (type, id_hash) key and by phone on its index, never by a scan", async () => {
  const { deps } = await fresh("2026-03-20T10:00:00+08:00");
  const c = await completedCase(deps);
  const { idNumber, phone } = c.event.case.applicant;
  const byId = { kind: "id" as const, hash: deps.pii.blindIndex("id", idNumber), masked: "" };
  const byPhone = { kind: "phone" as const, hash: deps.pii.blindIndex("phone", phone), masked: "" };
  expect(await myApplicantIds(deps.database.db, byId)).toEqual([c.applicantId]);
  expect(await myApplicantIds(deps.database.db, byPhone)).toEqual([c.applicantId]);
  const plans = async (me: typeof byId | typeof byPhone) =>
    (await plansOf(deps, /from "(applicants)"/, () => myApplicantIds(deps.database.db, me))).map(
      (p) => p.plan.join(" | "),
    );
  expect(await plans(byId)).toEqual([
    expect.stringMatching(
      /^SEARCH applicants USING (COVERING )?INDEX applicants_type_id_uq \(type=\? AND id_hash=\?\)/,
    ),
  ]);
  expect(await plans(byPhone)).toEqual([
    expect.stringMatching(/^SEARCH applicants USING INDEX applicants_phone_idx \(phone_hash=\?\)/),
  ]);
});
