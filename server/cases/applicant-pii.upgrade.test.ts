import { join } from "node:path";

import { eq, sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import { expect, inject, test } from "vitest";

import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { applicants } from "@/db/schema";
import { seedDemo } from "@/db/seed/seed";
import { DEMO_KEYS } from "@/tests/constants";
import { databaseBytes, depsOf } from "@/tests/db";
import { caseEvent } from "@/tests/factories";
import { releaseUpTo } from "@/tests/releases";

import { fixedClock } from "../clock";
import type { Deps } from "../deps";
import { maskedPhoneOf } from "../identity/otp.service";
import { newId } from "../ids";
import { ERASED } from "../privacy/pii";
import { openApplicantPii } from "./applicant-pii";
import { resealApplicantPii } from "./applicant-pii.upgrade";
import { recordCaseEvent } from "./cases.service";

const PLANTED = [
  { type: "person", name: "司徒植芳", idNumber: "440781199001015678", phone: "13912345678" },
  { type: "person", name: "伍秀英", idNumber: "44078119851231002X", phone: "13687654321" },
  {
    type: "enterprise",
    name: "台山市海宴镇渔业合作社",
    idNumber: "93440781MA4UXXXX1X",
    phone: "0750-5551234",
    agentName: "甄国强",
  },
] as const;

/** An applicant row exactly as every release before 0025 wrote it: one seal per field. */
async function oldApplicant(deps: Deps, a: (typeof PLANTED)[number] | "erased"): Promise<string> {
  const id = newId();
  const seal = (v: string | undefined) => (v === undefined ? null : deps.pii.encrypt(v));
  const row =
    a === "erased"
      ? [`erased:${id}`, `erased:${id}`, ERASED, ERASED, ERASED, null]
      : [
          deps.pii.blindIndex("id", a.idNumber),
          deps.pii.blindIndex("phone", a.phone),
          seal(a.name),
          seal(a.idNumber),
          seal(a.phone),
          seal("agentName" in a ? a.agentName : undefined),
        ];
  await deps.database.client.execute({
    sql: `insert into applicants (id, type, id_hash, phone_hash, name_enc, id_number_enc, phone_enc,
      agent_name_enc, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [id, a === "erased" ? "person" : a.type, ...row, deps.clock.now()],
  });
  return id;
}

test("0025 on a database of the release before: each applicant re-sealed once into pii_enc, readable, still found by its blind index, no plaintext in the file or WAL; stopped half-way, the next run finishes", async () => {
  const file = join(inject("runDir"), `pii-0025-${newId()}.db`);
  const database = await openDatabase(`file:${file}`);
  try {
    const deps = depsOf(database, inject("dataKey"), fixedClock("2026-03-02T09:00:00+08:00"));
    await migrate(database.db, { migrationsFolder: releaseUpTo("0024_staff_sessions").folder });
    const now = deps.clock.now();
    await seedDemo(database, {
      now,
      intakeKey: DEMO_KEYS.intake,
      hotlineKey: DEMO_KEYS.hotline,
      statsKey: DEMO_KEYS.stats,
    });
    const ids: string[] = [];
    for (const a of PLANTED) ids.push(await oldApplicant(deps, a));
    const erased = await oldApplicant(deps, "erased");

    await migrateDatabase(database);
    expect(await resealApplicantPii(deps, { batch: 1, limit: 2 })).toEqual({
      resealed: 2,
      finished: false,
    });
    expect(await resealApplicantPii(deps, { batch: 1 })).toEqual({ resealed: 2, finished: true });
    expect(await resealApplicantPii(deps)).toEqual({ resealed: 0, finished: true });

    const rows = await database.db.select().from(applicants);
    for (const r of rows)
      expect(r).toMatchObject({
        nameEnc: null,
        idNumberEnc: null,
        phoneEnc: null,
        agentNameEnc: null,
      });
    const byId = new Map(rows.map((r) => [r.id, r]));
    PLANTED.forEach((a, i) => {
      const sealed = byId.get(ids[i]!)!.piiEnc;
      expect(sealed).toMatch(/^v1:/);
      expect(openApplicantPii(deps.pii, sealed)).toEqual({
        name: a.name,
        idNumber: a.idNumber,
        phone: a.phone,
        agentName: "agentName" in a ? a.agentName : null,
      });
    });
    expect(byId.get(erased)!.piiEnc).toBe(ERASED);

    // the services read the one value; the blind index still finds a returning person
    expect(await maskedPhoneOf(deps, ids[0]!)).toBe("139****5678");
    const before = await database.db.$count(applicants);
    const { type, name, idNumber, phone } = PLANTED[0];
    const returning = caseEvent({ case: { applicant: { type, name, idNumber, phone } } });
    await recordCaseEvent(deps, "client", returning);
    expect(await database.db.$count(applicants)).toBe(before);
    const [c] = await database.db.all<{ applicant_id: string }>(
      sql`select applicant_id from cases where serial_no = ${returning.case.serialNo}`,
    );
    expect(c!.applicant_id).toBe(ids[0]);

    const raw = databaseBytes(file);
    for (const a of PLANTED)
      for (const secret of [a.name, a.idNumber, a.phone, "agentName" in a ? a.agentName : ""])
        if (secret) expect(raw.includes(Buffer.from(secret, "utf8")), secret).toBe(false);
    expect(await database.db.$count(applicants, eq(applicants.piiEnc, ERASED))).toBe(1);
  } finally {
    database.close();
  }
});
